import { Document, Link, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import { FAMILY, fontFamilyFor } from "@/lib/reports/fonts";
import { formatMoney } from "./plans";

export type InvoicePdfData = {
  seller: { name: string; address: string; taxId: string };
  customer: { name: string | null; email: string | null; company: string | null };
  number: string;
  status: string;
  currency: string;
  issuedAt: Date;
  paidAt: Date | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  lines: { description: string; quantity: number; amount: number; kind: "subscription" | "setup" | "other" }[];
  subtotal: number;
  total: number;
  amountPaid: number;
  amountDue: number;
  hostedInvoiceUrl: string | null;
};

const green = "#047857";
const s = StyleSheet.create({
  page: { fontFamily: FAMILY, fontSize: 10, padding: 48, color: "#18181b" },
  muted: { color: "#71717a" },
  h1: { fontSize: 26, fontWeight: "bold", color: "#0f766e" },
  label: { fontSize: 8, color: "#71717a", textTransform: "uppercase", marginBottom: 2 },
  head: {
    flexDirection: "row",
    borderBottomWidth: 1,
    borderBottomColor: "#a1a1aa",
    paddingVertical: 4,
    fontWeight: "bold",
    marginTop: 28,
  },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: "#e4e4e7", paddingVertical: 6 },
  total: { flexDirection: "row", justifyContent: "flex-end", paddingVertical: 3 },
  stamp: {
    marginLeft: 24,
    borderWidth: 3,
    borderColor: green,
    color: green,
    paddingVertical: 6,
    paddingHorizontal: 16,
    fontSize: 28,
    fontWeight: "bold",
    transform: "rotate(-12deg)",
    opacity: 0.85,
  },
});

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "—");

function Money({ label, cents, currency, bold }: { label: string; cents: number; currency: string; bold?: boolean }) {
  return (
    <View style={s.total}>
      <Text style={{ width: 140, textAlign: "right", fontWeight: bold ? "bold" : "normal" }}>{label}</Text>
      <Text style={{ width: 100, textAlign: "right", fontWeight: bold ? "bold" : "normal" }}>
        {formatMoney(cents, currency)}
      </Text>
    </View>
  );
}

/** One invoice: seller, customer, line items (subscription and setup fee), totals, PAID stamp, hosted link. */
export function InvoiceDocument({ data }: { data: InvoicePdfData }) {
  const paid = data.status === "paid";
  return (
    <Document title={`Invoice ${data.number}`} author={data.seller.name}>
      <Page size="A4" style={[s.page, { fontFamily: fontFamilyFor(JSON.stringify(data)) }]}>
        <View style={{ flexDirection: "row", justifyContent: "space-between" }}>
          <View>
            <Text style={{ fontSize: 14, fontWeight: "bold" }}>{data.seller.name}</Text>
            <Text style={s.muted}>{data.seller.address}</Text>
            {data.seller.taxId ? <Text style={s.muted}>Tax ID: {data.seller.taxId}</Text> : null}
          </View>
          <View style={{ alignItems: "flex-end" }}>
            <Text style={s.h1}>Invoice</Text>
            <Text>No. {data.number}</Text>
            <Text style={s.muted}>Issued {day(data.issuedAt)}</Text>
            {data.paidAt ? <Text style={s.muted}>Paid {day(data.paidAt)}</Text> : null}
          </View>
        </View>

        <View style={{ flexDirection: "row", marginTop: 32 }}>
          <View style={{ width: "50%" }}>
            <Text style={s.label}>Bill to</Text>
            {data.customer.company ? <Text style={{ fontWeight: "bold" }}>{data.customer.company}</Text> : null}
            {data.customer.name ? <Text>{data.customer.name}</Text> : null}
            {data.customer.email ? <Text style={s.muted}>{data.customer.email}</Text> : null}
          </View>
          <View style={{ width: "50%" }}>
            <Text style={s.label}>Service period</Text>
            <Text>
              {day(data.periodStart)} → {day(data.periodEnd)}
            </Text>
          </View>
        </View>

        <View style={s.head}>
          <Text style={{ width: "64%" }}>Description</Text>
          <Text style={{ width: "12%", textAlign: "right" }}>Qty</Text>
          <Text style={{ width: "24%", textAlign: "right" }}>Amount</Text>
        </View>
        {data.lines.map((l, i) => (
          <View key={i} style={s.row} wrap={false}>
            <View style={{ width: "64%" }}>
              <Text>{l.description}</Text>
              {l.kind === "setup" ? <Text style={[s.muted, { fontSize: 8 }]}>One-time setup fee</Text> : null}
            </View>
            <Text style={{ width: "12%", textAlign: "right" }}>{l.quantity}</Text>
            <Text style={{ width: "24%", textAlign: "right" }}>{formatMoney(l.amount, data.currency)}</Text>
          </View>
        ))}

        <View
          style={{ marginTop: 12, flexDirection: "row", justifyContent: "space-between", alignItems: "center" }}
          wrap={false}
        >
          {/* In the flow beside the totals, so it never covers a line item however many there are. */}
          <View>{paid ? <Text style={s.stamp}>PAID</Text> : null}</View>
          <View>
            <Money label="Subtotal" cents={data.subtotal} currency={data.currency} />
            <Money label="Total" cents={data.total} currency={data.currency} bold />
            <Money label="Amount paid" cents={data.amountPaid} currency={data.currency} />
            {/* Stripe's amount_due stays the invoice total once paid; what is still owed is total − paid. */}
            <Money
              label="Balance due"
              cents={Math.max(data.total - data.amountPaid, 0)}
              currency={data.currency}
              bold
            />
          </View>
        </View>

        {data.hostedInvoiceUrl ? (
          <View style={{ marginTop: 36 }}>
            <Text style={s.label}>View and pay online</Text>
            <Link src={data.hostedInvoiceUrl} style={{ color: "#0f766e" }}>
              {data.hostedInvoiceUrl}
            </Link>
          </View>
        ) : null}

        <Text style={{ position: "absolute", bottom: 28, left: 48, right: 48, fontSize: 8, color: "#a1a1aa" }} fixed>
          {data.seller.name} · {data.seller.address} · Amounts in {data.currency.toUpperCase()}
        </Text>
      </Page>
    </Document>
  );
}
