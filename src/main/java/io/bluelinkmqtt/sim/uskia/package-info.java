/** A fake USA Kia APIGW cloud (bluelink-protocol.md §10, §11) for tests and demo mode. */
package io.bluelinkmqtt.sim.uskia;
