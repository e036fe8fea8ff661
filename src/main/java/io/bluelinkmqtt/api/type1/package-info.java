/**
 * The CCAPI "Type 1" family outside Europe (Australia, New Zealand, China, India, Brazil): one shared client, login
 * and action set, driven by a {@link io.bluelinkmqtt.api.type1.Type1Profile} that holds only what differs per
 * region and brand (hosts, ids, login steps, Stamp rules, temperature table, action variants).
 */
package io.bluelinkmqtt.api.type1;
