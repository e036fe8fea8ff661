/**
 * The composition root of the car cloud: the registry of region modules ({@link io.bluelinkmqtt.cloud.CloudModules})
 * and the assembly of the API verticle with its module and the stewardship ({@link io.bluelinkmqtt.cloud.CarCloud}).
 */
package io.bluelinkmqtt.cloud;
