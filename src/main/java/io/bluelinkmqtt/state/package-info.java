/**
 * The bridge's state directory: the small JSON files it keeps there (tokens, budget, wake audit, discovery,
 * the last vehicle list), each with a last good copy; the start-up claim of the dir (write check and lock);
 * and the watch that reports when it stops being writable.
 */
package io.bluelinkmqtt.state;
