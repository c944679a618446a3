/* scenarios/ynode.c - loads one YAML document into a tree of ynodes with
 * libyaml's event parser (no recursion, no alias expansion), enforcing the
 * limits in ynode.h, rejecting duplicate keys, and formatting errors as
 * "file:line:col: message". */
#include "ynode.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

struct frame {
    struct ynode *node;
    size_t cap;             /* allocated length of node->keys/items */
    bool want_value;        /* maps: a key was read, its value comes next */
};

/* Every mapping key read so far, in an open-addressing hash set keyed by
 * (mapping, key text), so duplicate checks stay O(1) for big mappings. */
struct keyslot {
    const struct ynode *map;
    const struct ynode *key;
};

struct loader {
    const char *path;
    const unsigned char *text;
    size_t len;
    char *err;
    size_t errlen;
    struct ynode *root;
    struct frame stack[YDOC_MAX_DEPTH];
    int depth;
    size_t nodes;
    int docs;
    struct keyslot *slots;
    size_t nslots, nkeys;   /* nslots: 0 or a power of two */
};

static const char *path_or_default(const char *path)
{
    return path ? path : "<string>";
}

static void vformat(char *err, size_t errlen, const char *path, int line, int col, const char *fmt,
                    va_list ap)
{
    if (!err || errlen == 0)
        return;
    int n = line > 0 ? snprintf(err, errlen, "%s:%d:%d: ", path, line, col)
                     : snprintf(err, errlen, "%s: ", path);
    if (n < 0) {
        err[0] = '\0';
        return;
    }
    if ((size_t)n >= errlen)
        return; /* prefix already truncated and terminated */
    vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
}

__attribute__((format(printf, 4, 5)))
static int fail(struct loader *l, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vformat(l->err, l->errlen, l->path, line, col, fmt, ap);
    va_end(ap);
    return -1;
}

static int mark_line(yaml_mark_t m) { return m.line < INT32_MAX ? (int)m.line + 1 : INT32_MAX; }
static int mark_col(yaml_mark_t m) { return m.column < INT32_MAX ? (int)m.column + 1 : INT32_MAX; }

static void node_free(struct ynode *n)
{
    if (!n)
        return;
    /* Depth is bounded by YDOC_MAX_DEPTH, so recursion is safe. */
    for (size_t i = 0; i < n->n; i++) {
        if (n->keys)
            node_free(n->keys[i]);
        node_free(n->items[i]);
    }
    free(n->keys);
    free(n->items);
    free(n->scalar);
    free(n);
}

/* ---- duplicate keys ---- */

static size_t key_hash(const struct ynode *map, const char *s)
{
    uint64_t h = 1469598103934665603ull ^ ((uint64_t)(uintptr_t)map * 0x9e3779b97f4a7c15ull);
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return (size_t)(h ^ (h >> 29));
}

static const struct ynode *keyset_find(const struct loader *l, const struct ynode *map,
                                       const char *s, size_t *slot)
{
    size_t mask = l->nslots - 1;
    for (size_t i = key_hash(map, s) & mask;; i = (i + 1) & mask) {
        if (!l->slots[i].key) {
            *slot = i;
            return NULL;
        }
        if (l->slots[i].map == map && strcmp(l->slots[i].key->scalar, s) == 0)
            return l->slots[i].key;
    }
}

static int keyset_grow(struct loader *l)
{
    size_t n = l->nslots ? l->nslots * 2 : 64;
    struct keyslot *old = l->slots;
    size_t oldn = l->nslots;
    l->slots = calloc(n, sizeof(*l->slots));
    if (!l->slots) {
        l->slots = old;
        return -1;
    }
    l->nslots = n;
    for (size_t i = 0; i < oldn; i++) {
        if (old[i].key) {
            size_t slot;
            keyset_find(l, old[i].map, old[i].key->scalar, &slot);
            l->slots[slot] = old[i];
        }
    }
    free(old);
    return 0;
}

/* ---- building the tree ---- */

static struct ynode *new_node(struct loader *l, enum ynode_kind kind, yaml_mark_t m)
{
    if (l->nodes >= YDOC_MAX_NODES) {
        fail(l, mark_line(m), mark_col(m), "too many nodes (the limit is %d)", YDOC_MAX_NODES);
        return NULL;
    }
    struct ynode *n = calloc(1, sizeof(*n));
    if (!n) {
        fail(l, mark_line(m), mark_col(m), "out of memory");
        return NULL;
    }
    l->nodes++;
    n->kind = kind;
    n->line = mark_line(m);
    n->col = mark_col(m);
    return n;
}

static bool parent_wants_key(const struct loader *l)
{
    if (l->depth == 0)
        return false;
    const struct frame *f = &l->stack[l->depth - 1];
    return f->node->kind == YNODE_MAP && !f->want_value;
}

static int grow(struct loader *l, struct frame *f, struct ynode *child)
{
    struct ynode *p = f->node;
    if (p->n < f->cap)
        return 0;
    size_t cap = f->cap ? f->cap * 2 : 4;
    struct ynode **items = realloc(p->items, cap * sizeof(*items));
    if (!items)
        return fail(l, child->line, child->col, "out of memory");
    p->items = items;
    if (p->kind == YNODE_MAP) {
        struct ynode **keys = realloc(p->keys, cap * sizeof(*keys));
        if (!keys)
            return fail(l, child->line, child->col, "out of memory");
        p->keys = keys;
    }
    f->cap = cap;
    return 0;
}

/* Puts child into the tree (as root, sequence item, mapping key or value).
 * Always takes ownership of child: frees it on failure. */
static int attach(struct loader *l, struct ynode *child)
{
    if (l->depth == 0) {
        if (l->root) { /* libyaml gives one root per document; be defensive */
            node_free(child);
            return fail(l, 0, 0, "internal error: second root node");
        }
        l->root = child;
        return 0;
    }
    struct frame *f = &l->stack[l->depth - 1];
    struct ynode *p = f->node;
    if (p->kind == YNODE_MAP && f->want_value) {
        p->items[p->n - 1] = child;
        f->want_value = false;
        return 0;
    }
    if (p->kind == YNODE_MAP) {
        /* child is a scalar key: the caller rejected collection keys. */
        if (l->nkeys + 1 > l->nslots / 2 && keyset_grow(l) < 0) {
            fail(l, child->line, child->col, "out of memory");
            node_free(child);
            return -1;
        }
        size_t slot;
        const struct ynode *prev = keyset_find(l, p, child->scalar, &slot);
        if (prev) {
            fail(l, child->line, child->col, "duplicate key \"%s\" (first defined at line %d)",
                 child->scalar, prev->line);
            node_free(child);
            return -1;
        }
        if (grow(l, f, child) < 0) {
            node_free(child);
            return -1;
        }
        l->slots[slot].map = p;
        l->slots[slot].key = child;
        l->nkeys++;
        p->keys[p->n] = child;
        p->items[p->n] = NULL;
        p->n++;
        f->want_value = true;
        return 0;
    }
    if (grow(l, f, child) < 0) {
        node_free(child);
        return -1;
    }
    p->items[p->n++] = child;
    return 0;
}

static bool is_null_word(const char *s)
{
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
           !strcmp(s, "NULL");
}

static int on_scalar(struct loader *l, const yaml_event_t *ev)
{
    const unsigned char *v = ev->data.scalar.value;
    size_t len = ev->data.scalar.length;
    if (len && memchr(v, '\0', len))
        return fail(l, mark_line(ev->start_mark), mark_col(ev->start_mark),
                    "scalar contains a NUL character");
    struct ynode *n = new_node(l, YNODE_SCALAR, ev->start_mark);
    if (!n)
        return -1;
    n->scalar = malloc(len + 1);
    if (!n->scalar) {
        node_free(n);
        return fail(l, mark_line(ev->start_mark), mark_col(ev->start_mark), "out of memory");
    }
    if (len)
        memcpy(n->scalar, v, len);
    n->scalar[len] = '\0';
    yaml_scalar_style_t st = ev->data.scalar.style;
    n->quoted = st == YAML_SINGLE_QUOTED_SCALAR_STYLE || st == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    n->null = st == YAML_PLAIN_SCALAR_STYLE && is_null_word(n->scalar);
    return attach(l, n);
}

static int on_collection_start(struct loader *l, const yaml_event_t *ev, enum ynode_kind kind)
{
    int line = mark_line(ev->start_mark), col = mark_col(ev->start_mark);
    if (parent_wants_key(l))
        return fail(l, line, col, "mapping keys must be scalars, not %s", ynode_kind_name(kind));
    if (l->depth >= YDOC_MAX_DEPTH)
        return fail(l, line, col, "nesting too deep (the limit is %d levels)", YDOC_MAX_DEPTH);
    struct ynode *n = new_node(l, kind, ev->start_mark);
    if (!n || attach(l, n) < 0)
        return -1;
    l->stack[l->depth].node = n;
    l->stack[l->depth].cap = 0;
    l->stack[l->depth].want_value = false;
    l->depth++;
    return 0;
}

static int on_collection_end(struct loader *l, const yaml_event_t *ev)
{
    if (l->depth == 0 || l->stack[l->depth - 1].want_value) /* libyaml never does this */
        return fail(l, mark_line(ev->start_mark), mark_col(ev->start_mark),
                    "internal error: unbalanced collection");
    l->depth--;
    return 0;
}

/* libyaml does not give a mark for reader (encoding) errors, only a byte
 * offset: count lines and characters up to it. */
static void offset_position(const struct loader *l, size_t off, int *line, int *col)
{
    int ln = 1, c = 1;
    if (off > l->len)
        off = l->len;
    for (size_t i = 0; i < off; i++) {
        unsigned char b = l->text[i];
        if (b == '\n' || (b == '\r' && (i + 1 >= l->len || l->text[i + 1] != '\n'))) {
            if (ln < INT32_MAX)
                ln++;
            c = 1;
        } else if ((b & 0xC0) != 0x80 && b != '\r' && c < INT32_MAX) {
            c++;
        }
    }
    *line = ln;
    *col = c;
}

static int parser_error(struct loader *l, const yaml_parser_t *p)
{
    const char *problem = p->problem ? p->problem : "syntax error";
    int line, col;
    switch (p->error) {
    case YAML_MEMORY_ERROR:
        return fail(l, 0, 0, "out of memory");
    case YAML_READER_ERROR:
        offset_position(l, p->problem_offset, &line, &col);
        if (p->problem_value >= 0)
            return fail(l, line, col, "%s (0x%X)", problem, (unsigned)p->problem_value);
        return fail(l, line, col, "%s", problem);
    case YAML_SCANNER_ERROR:
    case YAML_PARSER_ERROR:
        line = mark_line(p->problem_mark);
        col = mark_col(p->problem_mark);
        if (p->context)
            return fail(l, line, col, "%s (%s at %d:%d)", problem, p->context,
                        mark_line(p->context_mark), mark_col(p->context_mark));
        return fail(l, line, col, "%s", problem);
    default:
        return fail(l, 0, 0, "YAML error: %s", problem);
    }
}

static int handle(struct loader *l, const yaml_event_t *ev, bool *done)
{
    switch (ev->type) {
    case YAML_STREAM_END_EVENT:
        *done = true;
        return 0;
    case YAML_DOCUMENT_START_EVENT:
        if (l->docs++ > 0)
            return fail(l, mark_line(ev->start_mark), mark_col(ev->start_mark),
                        "a second document is not allowed (a scenario file holds one document)");
        return 0;
    case YAML_ALIAS_EVENT:
        return fail(l, mark_line(ev->start_mark), mark_col(ev->start_mark),
                    "aliases are not supported (*%s)", (const char *)ev->data.alias.anchor);
    case YAML_SCALAR_EVENT:
        return on_scalar(l, ev);
    case YAML_SEQUENCE_START_EVENT:
        return on_collection_start(l, ev, YNODE_SEQ);
    case YAML_MAPPING_START_EVENT:
        return on_collection_start(l, ev, YNODE_MAP);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        return on_collection_end(l, ev);
    default: /* stream start, document end, no event */
        return 0;
    }
}

static int load(struct loader *l)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return fail(l, 0, 0, "out of memory");
    yaml_parser_set_input_string(&parser, l->text, l->len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING); /* no UTF-16 guessing */
    int rc = 0;
    for (bool done = false; !done && rc == 0;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            rc = parser_error(l, &parser);
            break;
        }
        rc = handle(l, &ev, &done);
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    if (rc == 0 && !l->root)
        rc = fail(l, 0, 0, "empty scenario");
    return rc;
}

int ydoc_load_string(const char *path, const char *text, size_t len, struct ydoc *doc, char *err,
                     size_t errlen)
{
    struct loader l;
    memset(&l, 0, sizeof(l));
    l.path = path_or_default(path);
    l.err = err;
    l.errlen = errlen;
    if (err && errlen)
        err[0] = '\0';
    if (!doc)
        return fail(&l, 0, 0, "cannot read: %s", strerror(EINVAL));
    doc->root = NULL;
    doc->path = NULL;
    if (!text && len)
        return fail(&l, 0, 0, "cannot read: %s", strerror(EINVAL));
    if (len > YDOC_MAX_BYTES)
        return fail(&l, 0, 0, "file too large (the limit is %d bytes)", YDOC_MAX_BYTES);
    l.text = text ? (const unsigned char *)text : (const unsigned char *)"";
    l.len = len;
    /* With the encoding forced to UTF-8 (so UTF-16 is never guessed), libyaml
     * would count a byte order mark as a column and misread the indentation
     * of line 1: drop it here. */
    if (l.len >= 3 && !memcmp(l.text, "\xEF\xBB\xBF", 3)) {
        l.text += 3;
        l.len -= 3;
    }
    int rc = load(&l);
    free(l.slots);
    if (rc == 0) {
        doc->path = strdup(l.path);
        if (!doc->path)
            rc = fail(&l, 0, 0, "out of memory");
    }
    if (rc < 0) {
        node_free(l.root);
        return -1;
    }
    doc->root = l.root;
    return 0;
}

int ydoc_load_file(const char *path, struct ydoc *doc, char *err, size_t errlen)
{
    struct loader l;
    memset(&l, 0, sizeof(l));
    l.path = path_or_default(path);
    l.err = err;
    l.errlen = errlen;
    if (doc) {
        doc->root = NULL;
        doc->path = NULL;
    }
    if (!path || !doc)
        return fail(&l, 0, 0, "cannot read: %s", strerror(EINVAL));
    FILE *f = fopen(path, "rb");
    if (!f)
        return fail(&l, 0, 0, "cannot read: %s", strerror(errno));
    char *buf = malloc((size_t)YDOC_MAX_BYTES + 1);
    if (!buf) {
        fclose(f);
        return fail(&l, 0, 0, "cannot read: %s", strerror(ENOMEM));
    }
    errno = 0;
    size_t n = fread(buf, 1, (size_t)YDOC_MAX_BYTES + 1, f);
    int e = ferror(f) ? (errno ? errno : EIO) : 0;
    fclose(f);
    int rc;
    if (e)
        rc = fail(&l, 0, 0, "cannot read: %s", strerror(e));
    else if (n > YDOC_MAX_BYTES)
        rc = fail(&l, 0, 0, "file too large (the limit is %d bytes)", YDOC_MAX_BYTES);
    else
        rc = ydoc_load_string(path, buf, n, doc, err, errlen);
    free(buf);
    return rc;
}

void ydoc_free(struct ydoc *doc)
{
    if (!doc)
        return;
    node_free(doc->root);
    free(doc->path);
    doc->root = NULL;
    doc->path = NULL;
}

struct ynode *ynode_get(const struct ynode *map, const char *key)
{
    if (!map || map->kind != YNODE_MAP || !key)
        return NULL;
    for (size_t i = 0; i < map->n; i++)
        if (map->keys[i] && map->keys[i]->scalar && strcmp(map->keys[i]->scalar, key) == 0)
            return map->items[i];
    return NULL;
}

const char *ynode_kind_name(enum ynode_kind k)
{
    switch (k) {
    case YNODE_SCALAR: return "a scalar";
    case YNODE_MAP: return "a mapping";
    case YNODE_SEQ: return "a sequence";
    }
    return "an unknown node";
}

int ydoc_error(const struct ydoc *doc, const struct ynode *node, char *err, size_t errlen,
               const char *fmt, ...)
{
    const char *path = doc && doc->path ? doc->path : "<string>";
    va_list ap;
    va_start(ap, fmt);
    vformat(err, errlen, path, node ? node->line : 0, node ? node->col : 0, fmt, ap);
    va_end(ap);
    return -1;
}
