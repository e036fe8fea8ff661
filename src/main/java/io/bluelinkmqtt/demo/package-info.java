/** Demo mode: the real verticles against the built-in simulator and an embedded broker. */
package io.bluelinkmqtt.demo;
