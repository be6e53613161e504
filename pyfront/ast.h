// The AST: CPython 3.11's ast module as C++ structs (generated from
// ast.def into ast_nodes.h), in an Arena.
//
// Representation:
//   - A sum type (expr, stmt, pattern, ...) is a base NAMENode with a
//     `kind`; each kind is a struct deriving from it (BinOp : ExprNode), so
//     `static_cast<const BinOp*>(e)` once e->kind == ExprKind::BinOp.
//   - Located nodes carry a Location: byte offsets into the Source text.
//     dump() turns them into CPython's lineno / col_offset (UTF-8 bytes) /
//     end_lineno / end_col_offset.
//   - Optional fields are null pointers or null-data identifiers; lists are
//     Seq<T>; `expr?*` lists (Dict.keys, arguments.kw_defaults) hold nulls.
#pragma once

#include <string>

#include "pyfront/ast_nodes.h"
#include "pyfront/source.h"

namespace pyfront {

// What ast.dump(tree, include_attributes=True) prints for `node`.
std::string dump(const Source& source, const ast::ModNode* node);

}  // namespace pyfront
