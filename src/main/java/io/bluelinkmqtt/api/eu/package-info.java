/**
 * The Europe module ({@link io.bluelinkmqtt.api.eu.EuModule}): CCAPI + CCI/OneApp login, constants and hosts per
 * brand, stamp, tokens, vehicle calls, error envelopes ({@link io.bluelinkmqtt.api.eu.EuErrors}).
 */
package io.bluelinkmqtt.api.eu;
