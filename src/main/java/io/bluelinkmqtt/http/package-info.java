/**
 * The HTTP server: {@code /health}, {@code /ready}, {@code /metrics} (Micrometer, Prometheus text) and the live
 * status page with its server-sent events, all fed by bus events (docs/http.md).
 */
package io.bluelinkmqtt.http;
