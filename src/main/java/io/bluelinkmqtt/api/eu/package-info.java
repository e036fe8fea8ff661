/** The EU protocol (CCAPI + CCI/OneApp login): constants, stamp, login, tokens, vehicle calls. */
package io.bluelinkmqtt.api.eu;
