/** Typed, immutable configuration: file + environment, validated at once, secrets masked. */
package io.bluelinkmqtt.config;
