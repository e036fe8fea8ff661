/** Immutable records and pure rules of the bridge; no Vert.x here. */
package io.bluelinkmqtt.domain;
