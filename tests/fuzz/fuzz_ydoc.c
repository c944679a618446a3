/* tests/fuzz/fuzz_ydoc.c - libFuzzer target for scenarios/ynode.c: loads any
 * bytes as a scenario file and checks the tree's invariants. Build and run:
 * see tests/fuzz/README.md. */
#include "ynode.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

static size_t walk(const struct ydoc *doc, const struct ynode *n, int depth)
{
    char msg[64];
    CHECK(n);
    CHECK(n->line >= 1 && n->col >= 1);
    CHECK(ydoc_error(doc, n, msg, sizeof(msg), "%s", ynode_kind_name(n->kind)) == -1);
    CHECK(strlen(msg) < sizeof(msg));
    if (n->kind == YNODE_SCALAR) {
        CHECK(n->scalar);
        CHECK(n->n == 0 && !n->keys && !n->items);
        CHECK(!(n->quoted && n->null));
        CHECK(!n->null || strlen(n->scalar) <= 4);
        return 1;
    }
    CHECK(n->kind == YNODE_MAP || n->kind == YNODE_SEQ);
    CHECK(depth < YDOC_MAX_DEPTH);
    CHECK(!n->scalar);
    CHECK(n->n == 0 || n->items);
    size_t count = 1;
    for (size_t i = 0; i < n->n; i++) {
        if (n->kind == YNODE_MAP) {
            const struct ynode *k = n->keys[i];
            CHECK(k && k->kind == YNODE_SCALAR);
            CHECK(ynode_get(n, k->scalar) == n->items[i]); /* keys are unique */
            count += walk(doc, k, depth + 1);
        }
        count += walk(doc, n->items[i], depth + 1);
    }
    return count;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const size_t errlens[] = {256, 24, 1};
    char err[256];
    size_t errlen = errlens[size % 3];
    struct ydoc doc;
    memset(err, 'x', sizeof(err));
    if (ydoc_load_string("fuzz.yaml", (const char *)data, size, &doc, err, errlen) == 0) {
        CHECK(doc.root && doc.path);
        CHECK(walk(&doc, doc.root, 0) <= YDOC_MAX_NODES);
        CHECK(ynode_get(doc.root, "name") == NULL || doc.root->kind == YNODE_MAP);
    } else {
        CHECK(!doc.root && !doc.path);
        CHECK(memchr(err, '\0', errlen));
        CHECK(errlen == 1 || strncmp(err, "fuzz.yaml", errlen - 1 < 9 ? errlen - 1 : 9) == 0);
    }
    ydoc_free(&doc);
    return 0;
}
