/* scenarios/ynode.h - a YAML file loaded (with libyaml) into a tree of nodes
 * that keep their line and column, so the scenario layer can check keys and
 * values and report errors as "file:line:col: message". One document per
 * file; aliases are rejected; tags are ignored; size, nesting depth and node
 * count are limited (see the YDOC_MAX_* values). */
#ifndef VDEV_YNODE_H
#define VDEV_YNODE_H

#include <stdbool.h>
#include <stddef.h>

#define YDOC_MAX_BYTES (1024 * 1024) /* input size */
#define YDOC_MAX_DEPTH 64            /* nested mappings/sequences */
#define YDOC_MAX_NODES 100000        /* scalars (keys included), mappings, sequences */

enum ynode_kind { YNODE_SCALAR, YNODE_MAP, YNODE_SEQ };

struct ynode {
    enum ynode_kind kind;
    int line, col;          /* 1-based position of the node's start */
    char *scalar;           /* scalars: the UTF-8 value (never NULL for scalars; "" for empty/null) */
    bool quoted;            /* scalar was single- or double-quoted */
    bool null;              /* plain scalar that is null: "", "~", "null", "Null", "NULL" */
    size_t n;               /* number of map entries or sequence items */
    struct ynode **keys;    /* maps: key nodes (always scalars) */
    struct ynode **items;   /* maps: values; sequences: items */
};

struct ydoc {
    struct ynode *root;
    char *path;
};

/* 0, or -1 with err = "path:line:col: message" (libyaml's own error position
 * and problem text for syntax errors; "path: message" when there is no
 * position, e.g. "path: cannot read: <strerror>" or "path: empty scenario").
 * On failure *doc is left empty (ydoc_free on it is harmless). err may be
 * NULL or errlen 0; the message is truncated to fit errlen. */
int ydoc_load_file(const char *path, struct ydoc *doc, char *err, size_t errlen);
/* Same, from memory; path (may be NULL: "<string>") is only used in messages
 * and copied into doc->path. text need not be NUL-terminated. */
int ydoc_load_string(const char *path, const char *text, size_t len, struct ydoc *doc, char *err,
                     size_t errlen);
/* Frees the tree and path; doc may be NULL; leaves *doc empty. */
void ydoc_free(struct ydoc *doc);

/* The value for key in map; NULL if absent or map is NULL or not a map. */
struct ynode *ynode_get(const struct ynode *map, const char *key);
/* "a scalar", "a mapping", "a sequence" (for "expected a mapping, got ..."). */
const char *ynode_kind_name(enum ynode_kind k);

/* Formats "path:line:col: " + message into err (node may be NULL: then
 * "path: "), returns -1. */
int ydoc_error(const struct ydoc *doc, const struct ynode *node, char *err, size_t errlen,
               const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#endif
