/**
 * An example Atrium plugin, written as a third party would: its own package outside
 * {@code dev.atrium}, compiled against the platform API only, and switched on by its own
 * Spring Boot auto-configuration. {@code docs/plugins.md} walks through it; the tests load it.
 */
package com.example.hello;
