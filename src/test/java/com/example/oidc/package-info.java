/** A test OpenID Connect provider (Spring Authorization Server), outside Atrium's component scan. */
package com.example.oidc;
