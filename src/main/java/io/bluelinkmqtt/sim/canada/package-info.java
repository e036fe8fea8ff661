/**
 * A protocol-faithful fake of the Canadian TODS cloud (bluelink-protocol.md §10 "Canada", §11): {@code v2/login}
 * with the 7110 MFA branch keyed on the {@code Deviceid} (new devices, and every 90 days), {@code mfa/*},
 * {@code vhcllst}, {@code lstvhclsts}, {@code rltmvhclsts}, {@code nxtsvc}, {@code evc/selsoc}, {@code vrfypin},
 * the commands with a {@code transactionId} header and {@code rmtsts}; it rejects missing headers, unknown device
 * ids and tokens, answers 7403 / 7602 / 7606 on demand and keeps a daily quota. Tests and the demo use it.
 */
package io.bluelinkmqtt.sim.canada;
