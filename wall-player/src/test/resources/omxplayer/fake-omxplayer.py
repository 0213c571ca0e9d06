#!/usr/bin/python3
"""A stand-in for omxplayer.bin in tests, run as a real process on a real dbus-daemon.

It takes omxplayer's --dbus_name on the session bus, answers the MPRIS calls the wall uses the way
omxplayer's OMXControl.cpp does (Properties.Get answers with the bare value, not a variant;
SetPosition answers with the int64 position; Set Rate keeps (int)(rate * 1000) and resumes play),
plays from the start (omxplayer has no start-paused) and quits at the end of the clip, as
omxplayer does without --loop. Every call is written as one JSON line to $FAKE_OMXPLAYER_RECORD:
the member, its interface, the wire signature and each argument with its D-Bus type.
Its length comes from $FAKE_OMXPLAYER_DURATION (seconds).
"""
import json
import os
import sys
import time

import dbus
import dbus.mainloop.glib
import dbus.service
from gi.repository import GLib

ROOT = "org.mpris.MediaPlayer2"
PLAYER = "org.mpris.MediaPlayer2.Player"
PROPERTIES = "org.freedesktop.DBus.Properties"
TYPES = [(dbus.ObjectPath, "o"), (dbus.Int64, "x"), (dbus.Double, "d"), (dbus.Boolean, "b"),
         (dbus.Int32, "i"), (dbus.String, "s")]


def typed(value):
    code = next((c for t, c in TYPES if isinstance(value, t)), type(value).__name__)
    if getattr(value, "variant_level", 0) > 0:
        code = "v:" + code
    plain = float(value) if code.endswith("d") else int(value) if code[-1] in "xib" else str(value)
    return [code, plain]


class FakeOmxplayer(dbus.service.Object):
    def __init__(self, bus, record, duration, loop):
        super().__init__(bus, "/org/mpris/MediaPlayer2")
        self.record_file = record
        self.duration = duration
        self.loop = loop
        self.playing = True
        self.base = 0.0
        self.since = time.monotonic()
        self.rate = 1.0

    def position(self):
        if self.playing:
            return self.base + (time.monotonic() - self.since) * self.rate
        return self.base

    def record(self, entry):
        entry["t"] = time.monotonic()
        self.record_file.write(json.dumps(entry) + "\n")
        self.record_file.flush()

    def call(self, msg, *args):
        self.record({"interface": msg.get_interface(), "member": msg.get_member(),
                     "signature": msg.get_signature(), "args": [typed(a) for a in args]})

    def hold(self):
        self.base = self.position()
        self.since = time.monotonic()

    @dbus.service.method(PLAYER, in_signature="", out_signature="", message_keyword="msg")
    def Pause(self, msg):
        self.call(msg)
        self.hold()
        self.playing = False

    @dbus.service.method(PLAYER, in_signature="", out_signature="", message_keyword="msg")
    def Play(self, msg):
        self.call(msg)
        self.hold()
        self.playing = True

    @dbus.service.method(PLAYER, in_signature="ox", out_signature="x", message_keyword="msg")
    def SetPosition(self, track, micros, msg):
        self.call(msg, track, micros)
        self.base = micros / 1e6
        self.since = time.monotonic()
        return dbus.Int64(micros)

    # No out_signature: like omxplayer, the answer is the bare value (x, d or s), not a variant.
    @dbus.service.method(PROPERTIES, in_signature="ss", message_keyword="msg")
    def Get(self, interface, name, msg):
        self.call(msg, interface, name)
        if name == "Position":
            return dbus.Int64(int(self.position() * 1e6))
        if name == "Duration":
            return dbus.Int64(int(self.duration * 1e6))
        if name == "PlaybackStatus":
            return dbus.String("Playing" if self.playing else "Paused")
        if name == "Rate":
            return dbus.Double(self.rate)
        raise dbus.exceptions.DBusException("Unknown property " + name,
                                            name="org.freedesktop.DBus.Error.UnknownProperty")

    @dbus.service.method(PROPERTIES, in_signature="ssv", message_keyword="msg")
    def Set(self, interface, name, value, msg):
        self.call(msg, interface, name, value)
        if name != "Rate":
            raise dbus.exceptions.DBusException("Unknown property " + name,
                                                name="org.freedesktop.DBus.Error.UnknownProperty")
        self.hold()
        self.rate = int(float(value) * 1000) / 1000.0
        self.playing = True
        return dbus.Double(self.rate)

    @dbus.service.method(ROOT, in_signature="", out_signature="", message_keyword="msg")
    def Quit(self, msg):
        self.call(msg)
        GLib.idle_add(self.loop.quit)

    def check_end(self):
        if self.playing and self.position() >= self.duration:
            self.record({"event": "end of file", "position": self.position()})
            self.loop.quit()
        return True


def main():
    args = sys.argv[1:]
    name = args[args.index("--dbus_name") + 1]
    record = open(os.environ["FAKE_OMXPLAYER_RECORD"], "a")
    record.write(json.dumps({"argv": sys.argv, "bus": os.environ.get("DBUS_SESSION_BUS_ADDRESS"),
                             "libraries": os.environ.get("LD_LIBRARY_PATH")}) + "\n")
    record.flush()
    dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    loop = GLib.MainLoop()
    player = FakeOmxplayer(bus, record, float(os.environ.get("FAKE_OMXPLAYER_DURATION", "10")), loop)
    bus_name = dbus.service.BusName(name, bus, do_not_queue=True)
    GLib.timeout_add(10, player.check_end)
    print("fake omxplayer on the bus as", bus_name.get_name(), flush=True)
    loop.run()


if __name__ == "__main__":
    main()
