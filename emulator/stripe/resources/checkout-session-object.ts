import type Stripe from "stripe";

const ADDRESS = { city: null, country: null, line1: null, line2: null, postal_code: null, state: null };

/** Every field of a new hosted Checkout Session, with Stripe's defaults for what the emulator does not model. */
export function sessionTemplate(o: {
  id: string;
  now: number;
  mode: "payment" | "subscription";
  amount: number;
  currency: string;
  customer: string | null;
  customerEmail: string | null;
  clientReferenceId: string | null;
  metadata: Record<string, string>;
  successUrl: string | null;
  cancelUrl: string | null;
  expiresAt: number;
  url: string;
  allowPromotionCodes: boolean | null;
  customerCreation: "always" | "if_required" | null;
}): Stripe.Checkout.Session {
  return {
    id: o.id,
    object: "checkout.session",
    adaptive_pricing: { enabled: false },
    after_expiration: null,
    allow_promotion_codes: o.allowPromotionCodes,
    allowed_payment_method_types: null,
    amount_subtotal: o.amount,
    amount_total: o.amount,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: o.cancelUrl,
    client_reference_id: o.clientReferenceId,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: o.now,
    currency: o.currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: o.customer,
    customer_account: null,
    customer_creation: o.customerCreation,
    customer_details: o.customerEmail
      ? {
          address: null,
          business_name: null,
          email: o.customerEmail,
          individual_name: null,
          name: null,
          phone: null,
          tax_exempt: "none",
          tax_ids: null,
        }
      : null,
    customer_email: o.customerEmail,
    discounts: [],
    expires_at: o.expiresAt,
    integration_identifier: null,
    invoice: null,
    invoice_creation:
      o.mode === "payment"
        ? {
            enabled: false,
            invoice_data: {
              account_tax_ids: null,
              custom_fields: null,
              description: null,
              footer: null,
              issuer: null,
              metadata: {},
              rendering_options: null,
            },
          }
        : null,
    livemode: false,
    locale: null,
    managed_payments: null,
    metadata: o.metadata,
    mode: o.mode,
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: o.mode === "subscription" ? "always" : null,
    payment_method_configuration_details: null,
    payment_method_options: {
      card: { request_three_d_secure: "automatic" },
    } as Stripe.Checkout.Session.PaymentMethodOptions,
    payment_method_types: ["card"],
    payment_status: "unpaid",
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: "open",
    submit_type: null,
    subscription: null,
    success_url: o.successUrl,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: "hosted",
    url: o.url,
    wallet_options: null,
  } as Stripe.Checkout.Session;
}

export function customerDetails(email: string, name: string | null): Stripe.Checkout.Session.CustomerDetails {
  return {
    address: ADDRESS,
    business_name: null,
    email,
    individual_name: null,
    name,
    phone: null,
    tax_exempt: "none",
    tax_ids: [],
  } as Stripe.Checkout.Session.CustomerDetails;
}
