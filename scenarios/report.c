/* scenarios/report.c - JUnit XML for CI and VCD pin traces (GTKWave,
 * PulseView). Both depend only on device time, so a run repeated with the
 * same seeds writes the same files. */
#define _GNU_SOURCE
#include "runner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void xml_text(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '<')
            fputs("&lt;", f);
        else if (c == '>')
            fputs("&gt;", f);
        else if (c == '&')
            fputs("&amp;", f);
        else if (c == '"')
            fputs("&quot;", f);
        else if (c < 0x20 && c != '\n' && c != '\t')
            fprintf(f, "&#x%x;", c == '\r' ? c : 0xfffd);
        else
            fputc(c, f);
    }
}

int report_junit(const char *path, struct scenario_result *results, int n)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    int tests = 0, failures = 0, skipped = 0;
    for (int i = 0; i < n; i++) {
        tests += 1 + results[i].ncases;
        failures += !results[i].passed;
        for (int k = 0; k < results[i].ncases; k++) {
            failures += results[i].cases[k].outcome == 1;
            skipped += results[i].cases[k].outcome == 2;
        }
    }
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    fprintf(f, "<testsuites name=\"vdev\" tests=\"%d\" failures=\"%d\" skipped=\"%d\">\n", tests, failures, skipped);
    for (int i = 0; i < n; i++) {
        struct scenario_result *r = &results[i];
        int sf = !r->passed, ss = 0;
        for (int k = 0; k < r->ncases; k++) {
            sf += r->cases[k].outcome == 1;
            ss += r->cases[k].outcome == 2;
        }
        fprintf(f, "  <testsuite name=\"");
        xml_text(f, r->path);
        fprintf(f, "\" tests=\"%d\" failures=\"%d\" skipped=\"%d\" time=\"%.6f\">\n", 1 + r->ncases, sf, ss,
                r->time / 1e6);
        fprintf(f, "    <testcase classname=\"");
        xml_text(f, r->stem);
        fprintf(f, "\" name=\"");
        xml_text(f, r->name);
        fprintf(f, "\" time=\"%.6f\"", r->time / 1e6);
        if (r->passed) {
            fprintf(f, "/>\n");
        } else {
            fprintf(f, ">\n      <failure message=\"");
            xml_text(f, r->message);
            fprintf(f, "\">");
            xml_text(f, r->output.data);
            fprintf(f, "</failure>\n    </testcase>\n");
        }
        for (int k = 0; k < r->ncases; k++) {
            struct testcase *tc = &r->cases[k];
            fprintf(f, "    <testcase classname=\"");
            xml_text(f, tc->classname);
            fprintf(f, "\" name=\"");
            xml_text(f, tc->name);
            fprintf(f, "\" time=\"%.6f\"", tc->time / 1e6);
            if (tc->outcome == 0) {
                fprintf(f, "/>\n");
            } else if (tc->outcome == 2) {
                fprintf(f, ">\n      <skipped/>\n    </testcase>\n");
            } else {
                fprintf(f, ">\n      <failure message=\"");
                xml_text(f, tc->message ? tc->message : "failed");
                fprintf(f, "\"/>\n    </testcase>\n");
            }
        }
        fprintf(f, "  </testsuite>\n");
    }
    fprintf(f, "</testsuites>\n");
    return fclose(f) ? -1 : 0;
}

/* VCD identifiers: printable characters from '!' on */
static void vcd_id(int k, char *out)
{
    int i = 0;
    do {
        out[i++] = (char)('!' + k % 94);
        k /= 94;
    } while (k && i < 7);
    out[i] = 0;
}

int report_vcd(const char *path, const struct scenario *s, const struct scenario_result *r)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    /* one variable per (device, pin) seen, in order of appearance */
    struct var {
        int dev;
        char pin[8];
    } *vars = calloc(r->nvcd + 1, sizeof(*vars));
    int nvars = 0;
    for (size_t i = 0; vars && i < r->nvcd; i++) {
        int k = 0;
        while (k < nvars && (vars[k].dev != r->vcd[i].dev || strcmp(vars[k].pin, r->vcd[i].pin)))
            k++;
        if (k == nvars) {
            vars[nvars].dev = r->vcd[i].dev;
            snprintf(vars[nvars].pin, sizeof(vars[nvars].pin), "%s", r->vcd[i].pin);
            nvars++;
        }
    }
    fprintf(f, "$comment vdev scenario %s $end\n$timescale 1us $end\n", r->name);
    for (int d = 0; d < s->ndevices; d++) {
        fprintf(f, "$scope module %s $end\n", s->devices[d].name);
        for (int k = 0; k < nvars; k++)
            if (vars[k].dev == d) {
                char id[8];
                vcd_id(k, id);
                fprintf(f, "$var wire 1 %s %s $end\n", id, vars[k].pin);
            }
        fprintf(f, "$upscope $end\n");
    }
    fprintf(f, "$enddefinitions $end\n$dumpvars\n");
    for (int k = 0; k < nvars; k++) {
        char id[8];
        vcd_id(k, id);
        fprintf(f, "x%s\n", id);
    }
    fprintf(f, "$end\n");
    uint64_t last_t = UINT64_MAX;
    /* changes from all devices merged by time; stable: device order, then event order */
    size_t *order = malloc((r->nvcd + 1) * sizeof(size_t));
    for (size_t i = 0; order && i < r->nvcd; i++)
        order[i] = i;
    for (size_t i = 1; order && i < r->nvcd; i++) { /* insertion sort: nearly sorted input */
        size_t v = order[i], j = i;
        while (j > 0 && (r->vcd[order[j - 1]].t > r->vcd[v].t ||
                         (r->vcd[order[j - 1]].t == r->vcd[v].t && r->vcd[order[j - 1]].dev > r->vcd[v].dev))) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = v;
    }
    for (size_t i = 0; order && i < r->nvcd; i++) {
        const struct vcd_change *c = &r->vcd[order[i]];
        int k = 0;
        while (k < nvars && (vars[k].dev != c->dev || strcmp(vars[k].pin, c->pin)))
            k++;
        char id[8];
        vcd_id(k, id);
        if (c->t != last_t)
            fprintf(f, "#%llu\n", (unsigned long long)c->t);
        last_t = c->t;
        fprintf(f, "%d%s\n", c->value ? 1 : 0, id);
    }
    fprintf(f, "#%llu\n", (unsigned long long)r->time);
    free(order);
    free(vars);
    return fclose(f) ? -1 : 0;
}
