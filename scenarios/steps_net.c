/* scenarios/steps_net.c - the network fault steps: net (link, latency,
 * jitter, loss, bandwidth) and dns (a name fails). */
#define _GNU_SOURCE
#include "steps.h"

#include "../sim/options.h"
#include "run.h"
#include "steps_priv.h"

#include <stdlib.h>
#include <string.h>

#define ERR(n, ...) ydoc_error(&s->doc, (n), err, errlen, __VA_ARGS__)

/* ---- network faults ---- */

struct net_args {
    json_t *cmd;
};

void free_net(void *p)
{
    struct net_args *a = p;
    if (a)
        json_decref(a->cmd);
    free(a);
}

int parse_net(struct scenario *s, struct scen_step *st, char *err, size_t errlen)
{
    const struct ynode *n = st->node;
    if (n->kind != YNODE_MAP)
        return ERR(n, "net is a mapping such as {link: down} or {latency: 200ms, loss: 10%%}");
    const char *extra[] = { "link", "latency", "jitter", "loss", "bandwidth", NULL };
    if (step_keys_plus_(s, n, extra, err, errlen))
        return -1;
    struct net_args *a = calloc(1, sizeof(*a));
    st->args = a;
    if (!a)
        return ERR(n, "out of memory");
    a->cmd = json_pack("{s:s}", "cmd", "net");
    int set = 0;
    const struct ynode *v;
    if ((v = ynode_get(n, "link"))) {
        const char *l;
        if (scen_string(s, v, &l, err, errlen))
            return -1;
        if (strcmp(l, "up") && strcmp(l, "down"))
            return ERR(v, "link is up or down, not '%s'", l);
        json_object_set_new(a->cmd, "link", json_string(l));
        set++;
    }
    const char *durations[] = { "latency", "jitter" };
    for (int i = 0; i < 2; i++)
        if ((v = ynode_get(n, durations[i]))) {
            uint64_t us;
            if (scen_duration(s, v, &us, err, errlen))
                return -1;
            json_object_set_new(a->cmd, durations[i], json_integer((json_int_t)us));
            set++;
        }
    if ((v = ynode_get(n, "loss"))) {
        unsigned ppm;
        if (v->kind != YNODE_SCALAR || vdev_parse_percent(v->scalar, &ppm))
            return ERR(v, "loss is a percentage from 0%% to 100%%, e.g. 10%%");
        json_object_set_new(a->cmd, "loss", json_string(v->scalar));
        set++;
    }
    if ((v = ynode_get(n, "bandwidth"))) {
        uint64_t bps;
        if (v->kind != YNODE_SCALAR || vdev_parse_bandwidth(v->scalar, &bps))
            return ERR(v, "bandwidth is a rate such as 100kbit, 2mbit or 64000bit");
        json_object_set_new(a->cmd, "bandwidth", json_integer((json_int_t)bps));
        set++;
    }
    if (!set)
        return ERR(n, "net needs link:, latency:, jitter:, loss: or bandwidth:");
    return 0;
}

int run_net(struct run_ctx *ctx, struct scen_step *st)
{
    struct net_args *a = st->args;
    json_t *r = run_command(ctx, st->device, json_deep_copy(a->cmd));
    if (!r)
        return -1;
    json_decref(r);
    return 0;
}

int parse_dns(struct scenario *s, struct scen_step *st, char *err, size_t errlen)
{
    const struct ynode *n = st->node;
    if (n->kind != YNODE_MAP)
        return ERR(n, "dns is a mapping such as {name: api.example.com, fail: true}");
    const char *extra[] = { "name", "fail", NULL };
    if (step_keys_plus_(s, n, extra, err, errlen))
        return -1;
    const struct ynode *name = ynode_get(n, "name"), *fail = ynode_get(n, "fail");
    const char *text;
    if (!name || scen_string(s, name, &text, err, errlen))
        return name ? -1 : ERR(n, "dns needs name:");
    bool f = true;
    if (fail) {
        if (fail->kind != YNODE_SCALAR || (strcmp(fail->scalar, "true") && strcmp(fail->scalar, "false")))
            return ERR(fail, "fail is true or false");
        f = !strcmp(fail->scalar, "true");
    }
    struct net_args *a = calloc(1, sizeof(*a));
    st->args = a;
    if (!a)
        return ERR(n, "out of memory");
    a->cmd = json_pack("{s:s,s:s,s:b}", "cmd", "dns", "name", text, "fail", f);
    return 0;
}

