/**
 * The event bus for other programs: the TCP and SockJS bridges over one allow-list, behind one inbound guard
 * (secret, shape, limits). Depends only on the shared contract (bus, codec) and its configuration.
 */
package io.bluelinkmqtt.bridge;
