/**
 * Who is asking and what they may do: sign-in (OpenID Connect, guest), API tokens, the permission
 * rules for every path of every module (one place: {@link dev.atrium.security.PathRules}), CSRF,
 * security headers and request limits. Features read the caller through the platform's Identities.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "platform")
package dev.atrium.security;
