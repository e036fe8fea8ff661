#!/usr/bin/env python3
"""A TCP event-bus bridge client from the documented framing only (stdlib): each frame is a 4-byte big-endian
length, then that many bytes of UTF-8 JSON. Used by TcpBridgePythonClientTest; also a runnable example
(docs/event-bus.md). Prints one JSON object: what each step saw."""
import json
import socket
import struct
import sys
import uuid

REFRESH = "bluelink.api.refresh"
VEHICLES = "bluelink.api.vehicles"
UPDATED = "bluelink.vehicle.status-updated"


class Bridge:
    def __init__(self, host, port):
        self.sock = socket.create_connection((host, port), timeout=30)
        self.buffer = b""
        self.seen = []  # frames read while waiting for another one

    def write(self, frame):
        data = json.dumps(frame).encode("utf-8")
        self.sock.sendall(struct.pack(">I", len(data)) + data)

    def read(self):
        while True:
            if len(self.buffer) >= 4:
                (length,) = struct.unpack(">I", self.buffer[:4])
                if len(self.buffer) >= 4 + length:
                    frame = json.loads(self.buffer[4:4 + length].decode("utf-8"))
                    self.buffer = self.buffer[4 + length:]
                    return frame
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError("the bridge closed the connection")
            self.buffer += chunk

    def wait_for(self, match):
        for i, frame in enumerate(self.seen):
            if match(frame):
                return self.seen.pop(i)
        while True:
            frame = self.read()
            if match(frame):
                return frame
            self.seen.append(frame)

    def request(self, address, body, secret=None):
        """send with a replyAddress; the answer is a 'message' (the reply) or an 'err' with failureCode."""
        reply_address = str(uuid.uuid4())
        frame = {"type": "send", "address": address, "replyAddress": reply_address, "body": body}
        if secret is not None:
            frame["headers"] = {"bluelink-secret": secret}
        self.write(frame)
        return self.wait_for(lambda f: f.get("address") == reply_address)

    def register(self, address, secret=None):
        frame = {"type": "register", "address": address}
        if secret is not None:
            frame["headers"] = {"bluelink-secret": secret}
        self.write(frame)


def outcome(frame):
    if frame.get("type") == "err":
        return {"failureCode": frame.get("failureCode"), "message": frame.get("message")}
    return {"body": frame.get("body")}


def main():
    host, port, secret = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    bridge = Bridge(host, port)
    result = {}
    bridge.write({"type": "ping"})
    result["ping"] = bridge.wait_for(lambda f: f.get("type") == "pong")["type"]
    # an unregister needs no secret; one without an address is the library's missing_address
    bridge.write({"type": "unregister", "headers": {"bluelink-secret": secret}})
    result["unregisterNoAddress"] = bridge.wait_for(lambda f: f.get("type") == "err")["message"]
    result["noSecret"] = outcome(bridge.request(VEHICLES, {"v": 1}))
    result["wrongSecret"] = outcome(bridge.request(VEHICLES, {"v": 1}, secret + "x"))
    bridge.register(UPDATED)
    result["registerNoSecret"] = outcome(bridge.wait_for(lambda f: f.get("address") == UPDATED))
    result["outsideAllowList"] = outcome(bridge.request("bluelink.mqtt.publish",
                                                        {"v": 1, "topic": "hyundai/x", "payload": "x", "qos": 0,
                                                         "retain": False}, secret))
    result["notAnObject"] = outcome(bridge.request(REFRESH, "refresh please", secret))
    result["missingVehicle"] = outcome(bridge.request(REFRESH, {"v": 1, "mode": "cached"}, secret))
    result["wrongSchema"] = outcome(bridge.request(VEHICLES, {"v": 2}, secret))
    vehicles = bridge.request(VEHICLES, {"v": 1}, secret)["body"]["vehicles"]
    result["vehicles"] = [v["id"] for v in vehicles]
    bridge.register(UPDATED, secret)
    vehicle = vehicles[0]["id"]
    refresh = bridge.request(REFRESH, {"v": 1, "vehicleId": vehicle, "mode": "cached", "maxAgeSeconds": 0,
                                       "override": False, "commandId": "python-1"}, secret)
    result["refresh"] = outcome(refresh)
    update = bridge.wait_for(lambda f: f.get("type") == "message" and f.get("address") == UPDATED)
    result["update"] = {"vehicle": update["body"]["vehicle"]["id"], "method": update["body"]["method"],
                        "dataSource": update["body"]["dataSource"]}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
