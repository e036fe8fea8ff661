// The SockJS event-bus bridge driven by the official client, @vertx/eventbus-bridge-client.js, under Node.
// Used by SockJsBridgeNodeClientTest; also a runnable example (docs/event-bus.md):
//   node sockjs-bridge-client.js http://127.0.0.1:7001/eventbus <secret>
// Prints one JSON object: what each step saw.
const EventBus = require('@vertx/eventbus-bridge-client.js');

const REFRESH = 'bluelink.api.refresh';
const VEHICLES = 'bluelink.api.vehicles';
const UPDATED = 'bluelink.vehicle.status-updated';

const [url, secret] = process.argv.slice(2);
const eb = new EventBus(url);
const generic = [];
eb.onerror = (err) => generic.push(err); // the bridge's own "rejected" notice, besides our coded answer

function request(address, body, headers) {
  return new Promise((resolve) => {
    eb.send(address, body, headers || {}, (err, reply) => resolve(err ? { failureCode: err.failureCode, message: err.message }
      : { body: reply.body }));
  });
}

function firstOn(address, headers) {
  return new Promise((resolve) => {
    const handler = (err, message) => {
      eb.unregisterHandler(address, {}, handler);
      resolve(err ? { failureCode: err.failureCode, message: err.message } : { body: message.body });
    };
    eb.registerHandler(address, headers || {}, handler);
  });
}

const withSecret = () => ({ 'bluelink-secret': secret });

eb.onopen = async () => {
  const result = {};
  result.noSecret = await request(VEHICLES, { v: 1 });
  result.wrongSecret = await request(VEHICLES, { v: 1 }, { 'bluelink-secret': secret + 'x' });
  result.registerNoSecret = await firstOn(UPDATED);
  result.outsideAllowList = await request('bluelink.mqtt.publish',
    { v: 1, topic: 'hyundai/x', payload: 'x', qos: 0, retain: false }, withSecret());
  result.notAnObject = await request(REFRESH, 'refresh please', withSecret());
  result.missingVehicle = await request(REFRESH, { v: 1, mode: 'cached' }, withSecret());
  result.wrongSchema = await request(VEHICLES, { v: 2 }, withSecret());
  const vehicles = (await request(VEHICLES, { v: 1 }, withSecret())).body.vehicles;
  result.vehicles = vehicles.map((v) => v.id);
  const update = firstOn(UPDATED, withSecret());
  result.refresh = await request(REFRESH, { v: 1, vehicleId: vehicles[0].id, mode: 'cached', maxAgeSeconds: 0,
    override: false, commandId: 'node-1' }, withSecret());
  const updated = (await update).body;
  result.update = { vehicle: updated.vehicle.id, method: updated.method, dataSource: updated.dataSource };
  result.genericRejections = generic.length;
  console.log(JSON.stringify(result));
  eb.close();
};
