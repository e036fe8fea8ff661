/**
 * The region-neutral car-cloud layer: {@link io.bluelinkmqtt.api.HyundaiApiVerticle}, the refresh logic
 * ({@link io.bluelinkmqtt.api.RefreshService}), one lane per car for every upstream operation
 * ({@link io.bluelinkmqtt.api.VehicleLanes}), resilience ({@link io.bluelinkmqtt.api.ResilientCaller},
 * {@link io.bluelinkmqtt.api.UpstreamHttp}, {@link io.bluelinkmqtt.api.ApiErrors}), the budget / wake seams and the
 * module seam ({@link io.bluelinkmqtt.api.CloudModule}) a region implements in its own sub-package. Nothing here
 * knows a region.
 */
package io.bluelinkmqtt.api;
