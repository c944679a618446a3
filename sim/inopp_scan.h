/* sim/inopp_scan.h - the tokenizer of the .ino preprocessor (inopp.c): turns
 * sketch text into tokens with comments and preprocessor lines taken out,
 * lists the preprocessor directives it met on the way, and answers the
 * token-level questions the parser asks (bracket matching, declarators). */
#ifndef VDEV_INOPP_SCAN_H
#define VDEV_INOPP_SCAN_H

#include <stddef.h>
#include <stdint.h>

#define IPP_NONE SIZE_MAX

enum ipp_tok_kind { IPT_IDENT, IPT_NUMBER, IPT_STRING, IPT_CHAR, IPT_PUNCT };

struct ipp_tok {
    size_t off, len;        /* byte range in the scanned text */
    unsigned char kind;     /* enum ipp_tok_kind */
    unsigned char gap;      /* whitespace, a comment or a directive before it */
};

enum ipp_dir_kind {
    IPD_OTHER,
    IPD_IF,                 /* #if, #ifdef, #ifndef */
    IPD_ENDIF,
    IPD_DEFINE,
    IPD_INCLUDE,
};

struct ipp_dir {
    size_t line_off;        /* start of the line holding the '#' */
    size_t off, end;        /* '#' .. end of the (continued) line */
    size_t name_off, name_len; /* IPD_DEFINE: the macro name */
    unsigned char kind;     /* enum ipp_dir_kind */
};

struct ipp_scan {
    const char *s;          /* the scanned text */
    struct ipp_tok *tok;
    size_t ntok;
    struct ipp_dir *dir;
    size_t ndir;
    int has_particle;       /* #include "Particle.h" / "application.h" seen */
};

/* Tokenizes s[0..n). Returns 0, or -ENOMEM (sc is then freed). */
int ipp_scan(const char *s, size_t n, struct ipp_scan *sc);
void ipp_scan_free(struct ipp_scan *sc);

/* Token queries; i indexes sc->tok. */
int ipp_is(const struct ipp_scan *sc, size_t i, const char *w); /* text == w */
int ipp_same(const struct ipp_scan *sc, size_t i, size_t off, size_t len);
int ipp_punct(const struct ipp_scan *sc, size_t i, const char *set);
/* i is at an opening bracket; returns the index after its match (or end). */
size_t ipp_match(const struct ipp_scan *sc, size_t i, size_t end);
/* Template-argument depth: when token i is '<' or a '>' closing one, updates
 * *angle and returns 1. */
int ipp_angle(const struct ipp_scan *sc, size_t i, int *angle);
/* A keyword that cannot name a function or a declared type. */
int ipp_keyword(const struct ipp_scan *sc, size_t i);

/* The declarator of a declaration head (the tokens before its ';' or '{'). */
struct ipp_head {
    size_t start;           /* first signature token (after macro calls) */
    size_t cand;            /* '(' of the declarator's parameters, IPP_NONE */
    size_t close;           /* the token after its ')' */
    int eq, tmpl, op;       /* top-level '=', 'template', 'operator' seen */
};
void ipp_declarator(const struct ipp_scan *sc, size_t h0, size_t h1,
                    struct ipp_head *h);
/* Between a parameter list and a body: 0 = no function there, 1 = fine
 * (qualifiers, attributes, trailing return type), 2 = a member initializer
 * list. */
int ipp_trailing(const struct ipp_scan *sc, size_t i, size_t end);
/* On the parameter list ( ... ) at [open, close): default arguments present,
 * number of parameters. */
int ipp_has_default(const struct ipp_scan *sc, size_t open, size_t close);
int ipp_arity(const struct ipp_scan *sc, size_t open, size_t close);

/* Whether a directive (of the given kind, -1: any) starts in [from,to). */
int ipp_has_dir(const struct ipp_scan *sc, size_t from, size_t to, int kind);
/* off, or when off lies inside #if blocks, the start of the outermost #if. */
size_t ipp_outside_ifs(const struct ipp_scan *sc, size_t off);

#endif
