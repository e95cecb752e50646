// Package domain is Pantau's vocabulary: upload kinds, reporting periods in
// Asia/Jayapura (WIT), Maluku's districts, agencies and service units, the
// NIP civil-servant number, Indonesian month names, SKP predikat and the IKM
// satisfaction index. It imports nothing from the rest of Pantau, so every
// other package can share these meanings without depending on each other.
package domain
