/** Canada's status ({@code result.status} of {@code lstvhclsts}/{@code rltmvhclsts}, §5.7) to {@code VehicleData}. */
package io.bluelinkmqtt.api.canada.mapping;
