/* sim/inopp.c - the .ino preprocessor. Owns turning a Particle sketch into
 * C++ as the Device OS 1.4 build does: adds #include "Particle.h" when the
 * sketch lacks it, generates prototypes for the functions defined at file
 * scope, and emits #line directives so diagnostics name the sketch's own file
 * and lines. Tokenizing is in inopp_scan.c; this file parses the top level.
 *
 * Prototype rules: one per top-level definition, except qualified names
 * (Foo::bar), templates, operators, main, definitions with default arguments
 * and those already declared (same name and arity) earlier. They go before
 * the first function definition (moved above an enclosing #if), or earlier,
 * before the first top-level statement that mentions the function (e.g.
 * `Timer t(1000, blink);`) when everything the prototype names is declared by
 * then. A prototype naming a type or macro the file declares only after its
 * insertion point is left out (the definition is then used as written). */
#define _GNU_SOURCE
#include "inopp.h"
#include "inopp_scan.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NONE IPP_NONE
#define tk(c, i) (&(c)->sc.tok[(i)])
#define teq(c, i, w) ipp_is(&(c)->sc, (i), (w))
#define is_ident(c, i) (tk(c, i)->kind == IPT_IDENT)
#define same_text(c, i, off, len) ipp_same(&(c)->sc, (i), (off), (len))
#define punct_in(c, i, set) ipp_punct(&(c)->sc, (i), (set))
#define match(c, i, end) ipp_match(&(c)->sc, (i), (end))
#define is_kw(c, i) ipp_keyword(&(c)->sc, (i))
#define angle_step(c, i, a) ipp_angle(&(c)->sc, (i), (a))

#define VEC_PUSH(c, arr, n, cap, val) do {                              \
        if ((n) == (cap)) {                                             \
            size_t nc_ = (cap) ? 2 * (cap) : 16;                        \
            void *np_ = realloc((arr), nc_ * sizeof(*(arr)));           \
            if (!np_) { (c)->oom = 1; break; }                          \
            (arr) = np_;                                                \
            (cap) = nc_;                                                \
        }                                                               \
        (arr)[(n)++] = (val);                                           \
    } while (0)

struct decl { size_t name, pos; int arity; };   /* a function declaration */
struct tname { size_t off, len, vis; };         /* type/macro, seen from vis */
struct def {                                    /* a definition to prototype */
    size_t sig0, sig1;      /* tokens of the prototype text */
    size_t name, head_off, ins;
    int arity;
};
struct stmt { size_t t0, t1; };                 /* a top-level declaration */

struct ctx {
    const char *s;
    size_t n;
    struct ipp_scan sc;
    struct decl *decl; size_t ndecl, cdecl;     /* vectors: items, count, room */
    struct tname *tn; size_t ntn, ctn;
    struct def *def; size_t ndef, cdef;
    struct stmt *st; size_t nst, cst;
    size_t first_fn;        /* statement index of the first definition */
    int oom;
};

/* Looks at the head [h0,h1) of a top-level '{'. Returns 1 for a function
 * definition, with *proto telling whether it gets a prototype. */
static int analyze_def(const struct ctx *c, size_t h0, size_t h1,
                       struct def *d, int *proto)
{
    struct ipp_head h;
    ipp_declarator(&c->sc, h0, h1, &h);
    *proto = 0;
    if (h.op && !h.eq)
        return 1;
    if (h.cand == NONE || h.eq)
        return 0;
    int tr = ipp_trailing(&c->sc, h.close, h1);
    size_t name = h.cand - 1;
    int qual = name > h0 && (teq(c, name - 1, "::") || teq(c, name - 1, "~"));
    if (tr == 0 || (tr == 2 && !qual))
        return 0;
    int typed = 0;
    for (size_t i = h.start; i < name; i++)
        typed |= is_ident(c, i);
    if (!typed && !qual)
        return 0;               /* `MACRO(x) {`, no return type */
    *d = (struct def){ .sig0 = h.start, .sig1 = h1, .name = name,
                       .head_off = tk(c, h0)->off,
                       .arity = ipp_arity(&c->sc, h.cand, h.close) };
    *proto = !qual && !h.tmpl && !teq(c, name, "main") &&
             !ipp_has_default(&c->sc, h.cand, h.close) &&
             !ipp_has_dir(&c->sc, tk(c, h.start)->off, tk(c, h1)->off, -1);
    return 1;
}

static void reg_name(struct ctx *c, size_t off, size_t len, size_t vis)
{
    if (len)
        VEC_PUSH(c, c->tn, c->ntn, c->ctn, ((struct tname){ off, len, vis }));
}

static void reg_tok(struct ctx *c, size_t i, size_t vis)
{
    reg_name(c, tk(c, i)->off, tk(c, i)->len, vis);
}

/* Registers the names declared by the declarators in [a,b), e.g. those of
 * `typedef struct {..} Foo, *PFoo;` or `typedef void (*cb_t)(int);`. */
static void reg_declarators(struct ctx *c, size_t a, size_t b, size_t vis)
{
    size_t name = NONE;
    int locked = 0, angle = 0;
    for (size_t i = a; i <= b;) {
        if (i == b || (teq(c, i, ",") && !angle)) {
            if (name != NONE)
                reg_tok(c, name, vis);
            name = NONE;
            locked = 0;
            i++;
        } else if (punct_in(c, i, "([{")) {
            size_t e = match(c, i, b);
            if (!locked && teq(c, i, "(") && i + 1 < e &&
                punct_in(c, i + 1, "*&^")) {
                for (size_t j = i + 1; j < e; j++)
                    if (is_ident(c, j))
                        name = j;
                locked = 1;
            }
            i = e;
        } else {
            if (!angle_step(c, i, &angle) && !locked && !angle &&
                is_ident(c, i) && !is_kw(c, i))
                name = i;
            i++;
        }
    }
}

/* Registers the type names a top-level declaration head introduces. */
static void reg_types(struct ctx *c, size_t h0, size_t h1, size_t vis)
{
    if (h0 >= h1)
        return;
    if (teq(c, h0, "typedef"))
        reg_declarators(c, h0 + 1, h1, vis);
    if (teq(c, h0, "using") && h0 + 2 < h1 && is_ident(c, h0 + 1) &&
        teq(c, h0 + 2, "="))
        reg_tok(c, h0 + 1, vis);
    int angle = 0;
    for (size_t i = h0; i < h1;) {
        if (punct_in(c, i, "([{")) {
            i = match(c, i, h1);
            continue;
        }
        if (!angle_step(c, i, &angle) && !angle &&
            (teq(c, i, "struct") || teq(c, i, "class") || teq(c, i, "union") ||
             teq(c, i, "enum") || teq(c, i, "namespace"))) {
            size_t j = i + 1;
            while (j < h1) {
                if (teq(c, j, "class") || teq(c, j, "struct"))
                    j++;
                else if (teq(c, j, "["))
                    j = match(c, j, h1);
                else if (j + 1 < h1 && is_kw(c, j) && teq(c, j + 1, "("))
                    j = match(c, j + 1, h1);    /* alignas(8), attributes */
                else
                    break;
            }
            if (j < h1 && is_ident(c, j) && !is_kw(c, j))
                reg_tok(c, j, vis);
            i = j;
            continue;
        }
        i++;
    }
}

/* A top-level declaration [h0,h1) ended by the ';' at h1. */
static void handle_decl(struct ctx *c, size_t h0, size_t h1)
{
    if (h0 >= h1)
        return;
    reg_types(c, h0, h1, tk(c, h1)->off + 1);
    if (teq(c, h0, "typedef") || teq(c, h0, "using") ||
        teq(c, h0, "template") || teq(c, h0, "friend"))
        return;
    struct ipp_head h;
    ipp_declarator(&c->sc, h0, h1, &h);
    if (h.cand == NONE || h.op)
        return;
    size_t name = h.cand - 1;
    if (name > h0 && teq(c, name - 1, "::"))
        return;
    VEC_PUSH(c, c->decl, c->ndecl, c->cdecl,
             ((struct decl){ name, tk(c, h0)->off,
                             ipp_arity(&c->sc, h.cand, h.close) }));
}

static int is_linkage_block(const struct ctx *c, size_t h0, size_t h1)
{
    return h1 == h0 + 2 && teq(c, h0, "extern") &&
           tk(c, h0 + 1)->kind == IPT_STRING;
}

/* Walks the file-scope tokens [t0,t1); nested is set inside extern "C" { }
 * (declarations count, definitions get no prototype). Returns whether a
 * function definition was seen. */
static int walk(struct ctx *c, size_t t0, size_t t1, int nested)
{
    size_t h = t0, i = t0;
    int typedef_rest = 0, saw_fn = 0;
    while (i < t1 && !c->oom) {
        if (punct_in(c, i, "([")) {
            i = match(c, i, t1);
            continue;
        }
        if (teq(c, i, ";")) {
            if (typedef_rest)
                reg_declarators(c, h, i, tk(c, i)->off + 1);
            typedef_rest = 0;
            handle_decl(c, h, i);
            if (!nested)
                VEC_PUSH(c, c->st, c->nst, c->cst, ((struct stmt){ h, i + 1 }));
            h = i = i + 1;
            continue;
        }
        if (teq(c, i, "}")) {           /* unbalanced: ignore */
            h = ++i;
            continue;
        }
        if (!teq(c, i, "{")) {
            i++;
            continue;
        }
        size_t e = match(c, i, t1);
        struct def d;
        int proto = 0, fn = h < i && analyze_def(c, h, i, &d, &proto);
        typedef_rest = 0;
        if (fn) {
            if (proto && !nested)
                VEC_PUSH(c, c->def, c->ndef, c->cdef, d);
        } else if (is_linkage_block(c, h, i)) {
            fn = walk(c, i + 1, teq(c, e - 1, "}") ? e - 1 : e, 1);
        } else {
            reg_types(c, h, i, tk(c, e - 1)->off + 1);
            typedef_rest = teq(c, h, "typedef");
        }
        saw_fn |= fn;
        if (!nested) {
            if (fn && c->first_fn == NONE)
                c->first_fn = c->nst;
            VEC_PUSH(c, c->st, c->nst, c->cst, ((struct stmt){ h, e }));
        }
        h = i = e;
    }
    return saw_fn;
}

static int declared_before(const struct ctx *c, const struct def *d)
{
    const struct ipp_tok *nt = tk(c, d->name);
    for (size_t k = 0; k < c->ndecl; k++) {
        const struct decl *x = &c->decl[k];
        if (x->pos < d->head_off && x->arity == d->arity &&
            same_text(c, x->name, nt->off, nt->len))
            return 1;
    }
    return 0;
}

/* Whether every file-scope type or macro name in d's signature is declared
 * before off (when the file declares a name only later, a prototype at off
 * would not compile). Names not declared in the file come from headers. */
static int names_visible(const struct ctx *c, const struct def *d, size_t off)
{
    for (size_t i = d->sig0; i < d->sig1; i++) {
        if (i == d->name || !is_ident(c, i))
            continue;
        int early = 0, late = 0;
        for (size_t k = 0; k < c->ntn; k++) {
            const struct tname *t = &c->tn[k];
            if (same_text(c, i, t->off, t->len)) {
                if (t->vis <= off)
                    early = 1;
                else
                    late = 1;
            }
        }
        if (late && !early)
            return 0;
    }
    return 1;
}

/* Whether statement s uses the name (declaring an overload does not count). */
static int mentions(const struct ctx *c, const struct stmt *s, size_t name)
{
    const struct ipp_tok *nt = tk(c, name);
    for (size_t i = s->t0; i < s->t1; i++) {
        if (!is_ident(c, i) || !same_text(c, i, nt->off, nt->len))
            continue;
        size_t k = 0;
        while (k < c->ndecl && c->decl[k].name != i)
            k++;
        if (k == c->ndecl)
            return 1;
    }
    return 0;
}

/* Drops the definitions that get no prototype and sets the others' ins. */
static void place(struct ctx *c)
{
    size_t first = tk(c, c->st[c->first_fn].t0)->off, w = 0;
    size_t def_off = ipp_outside_ifs(&c->sc, first);
    for (size_t k = 0; k < c->ndef; k++) {
        struct def *d = &c->def[k];
        if (declared_before(c, d))
            continue;
        d->ins = NONE;
        for (size_t s = 0; s < c->first_fn; s++) {
            if (!mentions(c, &c->st[s], d->name))
                continue;
            size_t off = ipp_outside_ifs(&c->sc, tk(c, c->st[s].t0)->off);
            if (!ipp_has_dir(&c->sc, off, def_off, IPD_INCLUDE) &&
                names_visible(c, d, off))
                d->ins = off;
            break;
        }
        if (d->ins == NONE && names_visible(c, d, def_off))
            d->ins = def_off;
        if (d->ins != NONE)
            c->def[w++] = *d;
    }
    c->ndef = w;
}

struct buf {
    char *p;
    size_t n, cap;
    int oom;
};

static void put(struct buf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap : 256;
        while (nc < b->n + n + 1)
            nc *= 2;
        char *p = realloc(b->p, nc);
        if (!p) {
            b->oom = 1;
            return;
        }
        b->p = p;
        b->cap = nc;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}

static void put_str(struct buf *b, const char *s)
{
    put(b, s, strlen(s));
}

/* The path as the inside of a C string literal, made absolute. */
static void quote_path(const char *path, struct buf *q)
{
    char *cwd = path[0] != '/' ? getcwd(NULL, 0) : NULL;
    struct buf raw = { 0 };
    if (cwd) {
        while (path[0] == '.' && path[1] == '/')
            path += 2;
        put_str(&raw, cwd);
        if (raw.n && raw.p[raw.n - 1] != '/')
            put_str(&raw, "/");
    }
    put_str(&raw, path);
    free(cwd);
    for (size_t i = 0; raw.p && i < raw.n; i++) {
        unsigned char ch = (unsigned char)raw.p[i];
        char esc[8];
        if (ch == '\\' || ch == '"') {
            esc[0] = '\\';
            esc[1] = (char)ch;
            put(q, esc, 2);
        } else if (ch < 0x20 || ch == 0x7f) {
            snprintf(esc, sizeof(esc), "\\%03o", ch);
            put_str(q, esc);
        } else {
            put(q, raw.p + i, 1);
        }
    }
    q->oom |= raw.oom;
    put(q, "", 0);
    free(raw.p);
}

static void put_line(struct buf *b, size_t line, const char *qpath)
{
    char num[40];
    snprintf(num, sizeof(num), "#line %zu \"", line);
    put_str(b, num);
    put_str(b, qpath);
    put_str(b, "\"\n");
}

static void put_proto(const struct ctx *c, struct buf *b, const struct def *d)
{
    for (size_t i = d->sig0; i < d->sig1; i++) {
        const struct ipp_tok *t = tk(c, i);
        if (i > d->sig0 && t->gap)
            put(b, " ", 1);
        put(b, c->s + t->off, t->len);
    }
    put_str(b, ";\n");
}

static int is_blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\v' || ch == '\f';
}

static void emit(const struct ctx *c, struct buf *b, const char *qpath)
{
    if (!c->sc.has_particle)
        put_str(b, "#include \"Particle.h\"\n");
    put_line(b, 1, qpath);
    size_t cur = 0, last = 0;
    for (int first = 1;; first = 0) {
        size_t o = NONE;
        for (size_t k = 0; k < c->ndef; k++)
            if ((first || c->def[k].ins > last) && c->def[k].ins < o)
                o = c->def[k].ins;
        if (o == NONE)
            break;
        size_t ls = o, line = 1;
        while (ls > 0 && c->s[ls - 1] != '\n')
            ls--;
        int mid = 0;
        for (size_t j = ls; j < o; j++)
            mid |= !is_blank(c->s[j]);
        size_t cut = mid ? o : ls;
        if (cut < cur)
            cut = cur;
        put(b, c->s + cur, cut - cur);
        if (mid)
            put_str(b, "\n");       /* split the line; columns padded below */
        for (size_t k = 0; k < c->ndef; k++)
            if (c->def[k].ins == o)
                put_proto(c, b, &c->def[k]);
        for (size_t j = 0; j < o; j++)
            line += c->s[j] == '\n';
        put_line(b, line, qpath);
        for (size_t j = ls; mid && j < o; j++)
            put(b, c->s[j] == '\t' ? "\t" : " ", 1);
        cur = cut;
        last = o;
    }
    put(b, c->s + cur, c->n - cur);
}

int vdev_inopp_run(const char *path, const char *text, size_t len,
                   char **out, size_t *out_len)
{
    if (!path || !text || !out || !out_len)
        return -EINVAL;
    *out = NULL;
    *out_len = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;              /* a UTF-8 BOM would end up mid-file */
        len -= 3;
    }
    struct ctx c = { .s = text, .n = len, .first_fn = NONE };
    int rc = ipp_scan(text, len, &c.sc);
    if (rc)
        return rc;
    for (size_t k = 0; k < c.sc.ndir; k++)
        if (c.sc.dir[k].kind == IPD_DEFINE)
            reg_name(&c, c.sc.dir[k].name_off, c.sc.dir[k].name_len,
                     c.sc.dir[k].off);
    walk(&c, 0, c.sc.ntok, 0);
    if (!c.oom && c.ndef)
        place(&c);
    struct buf q = { 0 }, b = { 0 };
    if (!c.oom)
        quote_path(path, &q);
    if (!c.oom && !q.oom)
        emit(&c, &b, q.p);
    rc = c.oom || q.oom || b.oom ? -ENOMEM : 0;
    ipp_scan_free(&c.sc);
    free(c.decl);
    free(c.tn);
    free(c.def);
    free(c.st);
    free(q.p);
    if (rc) {
        free(b.p);
        return rc;
    }
    *out = b.p;
    *out_len = b.n;
    return 0;
}

static int read_all(const char *path, struct buf *b)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC), rc = 0;
    if (fd < 0)
        return -errno;
    char chunk[16384];
    for (ssize_t r; (r = read(fd, chunk, sizeof(chunk))) != 0 && !b->oom;) {
        if (r > 0)
            put(b, chunk, (size_t)r);
        else if (errno != EINTR && (rc = -errno) != 0)
            break;
    }
    put(b, "", 0);
    close(fd);
    if (!rc && b->oom)
        rc = -ENOMEM;
    if (rc)
        free(b->p);
    return rc;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno != EINTR)
            return -errno;
        if (w > 0) {
            p += w;
            n -= (size_t)w;
        }
    }
    return 0;
}

int vdev_inopp_file(const char *in_path, const char *out_path)
{
    if (!in_path || !out_path)
        return -EINVAL;
    struct buf src = { 0 }, old = { 0 };
    char *res;
    size_t rlen;
    int rc = read_all(in_path, &src);
    if (rc)
        return rc;
    char *abs = realpath(in_path, NULL);
    rc = vdev_inopp_run(abs ? abs : in_path, src.p, src.n, &res, &rlen);
    free(abs);
    free(src.p);
    if (rc)
        return rc;
    if (read_all(out_path, &old) == 0) {
        int same = old.n == rlen && memcmp(old.p, res, rlen) == 0;
        free(old.p);
        if (same) {
            free(res);
            return 0;           /* unchanged: keep the file and its mtime */
        }
    }
    struct stat st;
    mode_t mode = stat(out_path, &st) == 0 ? (st.st_mode & 07777) : 0644;
    struct buf tmp = { 0 };
    put_str(&tmp, out_path);
    put_str(&tmp, ".XXXXXX");
    int fd = tmp.oom ? -1 : mkostemp(tmp.p, O_CLOEXEC);
    if (fd < 0) {
        rc = tmp.oom ? -ENOMEM : -errno;
    } else {
        rc = write_all(fd, res, rlen);
        if (!rc && fchmod(fd, mode) != 0)
            rc = -errno;
        if (close(fd) != 0 && !rc)
            rc = -errno;
        if (!rc && rename(tmp.p, out_path) != 0)
            rc = -errno;
        if (rc)
            unlink(tmp.p);
    }
    free(tmp.p);
    free(res);
    return rc;
}
