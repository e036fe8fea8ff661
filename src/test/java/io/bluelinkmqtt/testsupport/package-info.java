/**
 * Shared test support for every test that talks to a real MQTT broker: a Mosquitto child process
 * ({@link io.bluelinkmqtt.testsupport.MosquittoProcess}), the broker of choice for ordinary tests
 * ({@link io.bluelinkmqtt.testsupport.TestBroker}), an in-JVM TCP fault proxy
 * ({@link io.bluelinkmqtt.testsupport.FaultProxy}), a recording MQTT observer
 * ({@link io.bluelinkmqtt.testsupport.MqttObserver}), an in-memory log appender
 * ({@link io.bluelinkmqtt.testsupport.LogCapture}) and a bounded wait for futures
 * ({@link io.bluelinkmqtt.testsupport.Await}). Bounded wait loops live here, never in test classes.
 */
package io.bluelinkmqtt.testsupport;
