/** The event-bus contract: addresses, failure codes and the reply-or-fail helper. */
package io.bluelinkmqtt.bus;
