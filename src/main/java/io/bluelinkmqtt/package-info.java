/** Entry point: loads the configuration and deploys the four verticles. */
package io.bluelinkmqtt;
