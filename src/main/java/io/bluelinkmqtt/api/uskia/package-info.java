/**
 * The USA Kia module (bluelink-protocol.md §1.3, §2.7, §3.4, §4.1, §6.4, §8.4): the {@code sid} session with a
 * persistent {@code deviceid}, the one-time-code branch ({@code otpKey}/{@code xid}) answered through
 * {@link io.bluelinkmqtt.api.OneTimeCodes}, the {@code rmtoken} remember-me kept with the session, re-login and a new
 * vehicle list on {@code 1003}/{@code 1005}.
 */
package io.bluelinkmqtt.api.uskia;
