/**
 * The car-cloud client: {@link io.bluelinkmqtt.api.HyundaiApiVerticle}, the refresh logic
 * ({@link io.bluelinkmqtt.api.RefreshService}), one lane per car for every upstream operation
 * ({@link io.bluelinkmqtt.api.VehicleLanes}), resilience ({@link io.bluelinkmqtt.api.ResilientCaller},
 * {@link io.bluelinkmqtt.api.UpstreamHttp}, {@link io.bluelinkmqtt.api.ApiErrors}) and the budget / wake seams.
 */
package io.bluelinkmqtt.api;
