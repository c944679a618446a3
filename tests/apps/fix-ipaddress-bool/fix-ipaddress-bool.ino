// Device OS 1.4.0 #1912: IPAddress::operator bool() is true for an IPv6
// address when ANY of its four 32-bit words is non-zero (1.3 required all of
// them). Prints "<text> version <v> bool <0|1>" for each address; the e2e
// test fix_ipaddress_bool_1912 checks the lines.
static void show(const char* what, const IPAddress& ip)
{
    Serial.printlnf("%s %s version %d bool %d", what, ip.toString().c_str(), ip.version(), ip ? 1 : 0);
}

static IPAddress v6(const uint8_t (&bytes)[16])
{
    IPAddress ip;
    ip.set_ipv6(bytes);
    return ip;
}

void setup()
{
    Serial.begin(9600);
    // 2001:db8::1: words 0x20010db8, 0, 0, 1 (1.3: false)
    show("doc", v6({ 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }));
    show("any", v6({ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }));
    show("loopback", v6({ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }));
    show("first-word", v6({ 0x20, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }));
    show("third-word", v6({ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0, 0, 0, 0 }));
    show("all-words", v6({ 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0 }));
    show("v4-zero", IPAddress(0, 0, 0, 0));
    show("v4", IPAddress(192, 0, 2, 1));
    show("v4-last", IPAddress(0, 0, 0, 1));
    show("empty", IPAddress());
    IPAddress cleared = v6({ 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 });
    cleared.clear();
    show("cleared", cleared);
    // in conditions, as apps write them
    IPAddress doc = v6({ 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 });
    Serial.printlnf("if(doc) %s, !doc %d", doc ? "taken" : "not taken", !doc ? 1 : 0);
}

void loop()
{
}
