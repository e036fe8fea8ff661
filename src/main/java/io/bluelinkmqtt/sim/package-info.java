/**
 * A protocol-faithful fake of the EU car cloud (CCAPI, IDP and CCI hosts on one local HTTP server),
 * used by the tests of the API client and by the demo mode. It follows bluelink-protocol.md §10:
 * real paths, headers, status codes and JSON shapes, with its own payload values, an injected
 * {@link java.time.Clock}, a daily quota, expiring tokens, per-endpoint call counters and scripted
 * faults ({@link io.bluelinkmqtt.sim.Faults}).
 */
package io.bluelinkmqtt.sim;
