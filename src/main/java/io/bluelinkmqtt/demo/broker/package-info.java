/**
 * The demo's embedded broker, the only code that uses HiveMQ; loaded by {@code DemoBrokers} next to HiveMQ's jars
 * (demo-broker/ beside the bridge's jar), never by the bridge's own class loader in a packaged run.
 */
package io.bluelinkmqtt.demo.broker;
