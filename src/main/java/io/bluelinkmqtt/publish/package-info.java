/** Vehicle data and outcomes become MQTT topics and payloads here. */
package io.bluelinkmqtt.publish;
