/** The small JSON files the bridge keeps in its state directory (tokens, budget, wake audit, discovery). */
package io.bluelinkmqtt.state;
