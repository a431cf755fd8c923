package com.example.hello;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Hello plugin, {@code atrium.hello.*}.
 *
 * @param greeting the word components are greeted with
 */
@ConfigurationProperties("atrium.hello")
public record HelloProperties(@DefaultValue("hello") String greeting) {
}
