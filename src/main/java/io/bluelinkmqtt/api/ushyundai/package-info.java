/**
 * The USA Hyundai / Genesis module ({@link io.bluelinkmqtt.api.ushyundai.UsHyundaiModule}, bluelink-protocol.md
 * §1.3, §2.6, §3.3, §4.1, §6.3, §8.3): the HATA Bluelink API with its OAuth token (refreshed with username and
 * password), the PIN header on every call, the flat error JSON ({@link io.bluelinkmqtt.api.ushyundai.UsHyundaiErrors})
 * and the remote actions that answer an empty 200 with the action id in a header.
 */
package io.bluelinkmqtt.api.ushyundai;
