import { StyleSheet } from "@react-pdf/renderer";

/** Shared styles of the audit report. */
export const s = StyleSheet.create({
  page: { fontSize: 9, padding: 36, paddingBottom: 48, color: "#1f2937" },
  h1: { fontSize: 24, fontWeight: "bold", marginBottom: 8 },
  h2: { fontSize: 15, fontWeight: "bold", marginBottom: 8, marginTop: 4 },
  h3: { fontSize: 11, fontWeight: "bold", marginTop: 8, marginBottom: 4 },
  p: { marginBottom: 6, lineHeight: 1.4 },
  muted: { color: "#6b7280" },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: "#e5e7eb", paddingVertical: 2 },
  head: {
    flexDirection: "row",
    borderBottomWidth: 1,
    borderBottomColor: "#9ca3af",
    paddingVertical: 2,
    fontWeight: "bold",
  },
  footer: {
    position: "absolute",
    bottom: 20,
    left: 36,
    right: 36,
    fontSize: 7,
    color: "#9ca3af",
    flexDirection: "row",
    justifyContent: "space-between",
  },
});
