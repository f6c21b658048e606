import { HELP_ADDITIONS_MAX, HELP_MESSAGE_MAX, HELP_MESSAGE_MIN, type HelpRequestView } from "../help/schemas";
import { HELP_TOPICS, HELP_TOPIC_NAMES, helpTopicWords } from "../help/topics";
import type { Problem } from "./api";
import { FieldError, invalidAttrs } from "./field-error";
import { whenIst } from "./format";
import { CsrfField } from "./layout";

/** What a shopper typed into the help form, drawn again when it is refused. */
export interface HelpDraft {
  topic: string;
  message: string;
  error?: string | undefined;
  /** The open request the words were to be added to; none for a new question. */
  to?: string | undefined;
}

/** The form's fields as the API takes them. */
export function helpBody(form: Record<string, unknown>): { topic: string; message: string } {
  return {
    topic: typeof form.topic === "string" ? form.topic : "",
    message: typeof form.message === "string" ? form.message.slice(0, HELP_MESSAGE_MAX * 4) : "",
  };
}

/**
 * A refused request, in words the shopper can act on: a message to rewrite is said at its field
 * (`field`), anything else over the page.
 */
export function helpRefusal(problem: Problem, fallback: string, adding = false): { field?: string; page?: string } {
  if (problem.status !== 400) return { page: fallback };
  if (problem.errors?.some((e) => e.path === "message"))
    return { field: `Tell us what happened in ${HELP_MESSAGE_MIN} to ${HELP_MESSAGE_MAX} characters.` };
  // An addition has no topic: the one other field it can fail on is the request's id in its address.
  if (adding) return { page: "That question was not found on this order: add to it from the order's page." };
  return { page: "Choose what your question is about, then send it again." };
}

/**
 * Help with the order: the shopper's requests with ops' answers, and a form to ask while none is
 * waiting for an answer (an order has one open at a time). A late order's form starts on "Where is
 * my order?", the question its shopper most likely has.
 */
export function HelpPanel(props: {
  orderId: string;
  requests: HelpRequestView[] | null;
  late: boolean;
  csrf: string | null;
  draft?: HelpDraft | undefined;
}) {
  const { requests } = props;
  const open = requests?.some((r) => r.status === "open") ?? false;
  const asked = props.draft?.to ? undefined : props.draft;
  const topic = asked?.topic ?? (props.late ? "where_is_my_order" : "");
  return (
    <section class="panel" id="help" aria-labelledby="help-h" data-help>
      <h2 id="help-h">Need help with this order?</h2>
      {requests?.map((r) => (
        <div class="help-request" data-help-request={r.id} data-help-status={r.status}>
          <p>
            <strong>{helpTopicWords(r.topic)}</strong> <span class="muted">You asked {whenIst(r.asked_at)}</span>
          </p>
          <blockquote class="words">{r.message}</blockquote>
          <Additions request={r} who="You" />
          {r.answer ? (
            <p data-help-answer>
              <strong>Our answer</strong> <span class="muted">{r.answered_at ? whenIst(r.answered_at) : ""}</span>
              <br />
              <span class="words">{r.answer}</span>
            </p>
          ) : (
            <>
              <p class="muted" data-help-waiting>
                {r.taken_at ? `Our team has been looking into it since ${whenIst(r.taken_at)}. ` : "Waiting for our answer. "}
                We answer here, and tell you by email and in Updates.
              </p>
              {r.additions.length < HELP_ADDITIONS_MAX && (
                <AddForm
                  orderId={props.orderId}
                  requestId={r.id}
                  csrf={props.csrf}
                  draft={props.draft?.to === r.id ? props.draft : undefined}
                />
              )}
            </>
          )}
        </div>
      ))}
      {requests === null && <p class="muted">Your earlier questions about this order could not be read just now.</p>}
      {!open && (
        <form method="post" action={`/orders/${encodeURIComponent(props.orderId)}/help`} class="stack help-form" novalidate>
          <CsrfField token={props.csrf} />
          <label class="field">
            What is it about?
            <select name="topic" required>
              <option value="" selected={topic === ""}>
                Choose…
              </option>
              {HELP_TOPIC_NAMES.map((t) => (
                <option value={t} selected={t === topic}>
                  {HELP_TOPICS[t]}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            Tell us what happened
            <textarea
              name="message"
              rows={4}
              minlength={HELP_MESSAGE_MIN}
              maxlength={HELP_MESSAGE_MAX}
              required
              {...invalidAttrs("message", Boolean(asked?.error))}
            >
              {asked?.message ?? ""}
            </textarea>
            <FieldError field="message" message={asked?.error} />
          </label>
          <button type="submit">Send to our team</button>
        </form>
      )}
    </section>
  );
}

/** What the shopper added to a request while it waited, each with when; `who` names them to the reader. */
export function Additions(props: { request: Pick<HelpRequestView, "additions">; who: string }) {
  if (props.request.additions.length === 0) return null;
  return (
    <ul class="help-additions" aria-label="Added since">
      {props.request.additions.map((a) => (
        <li>
          <span class="muted">
            {props.who} added {whenIst(a.added_at)}:
          </span>{" "}
          <span class="words">{a.message}</span>
        </li>
      ))}
    </ul>
  );
}

/** The form to add to an open request: what changed since it was asked. */
function AddForm(props: { orderId: string; requestId: string; csrf: string | null; draft?: HelpDraft | undefined }) {
  const field = `more-${props.requestId}`;
  return (
    <form
      method="post"
      action={`/orders/${encodeURIComponent(props.orderId)}/help/${encodeURIComponent(props.requestId)}/additions`}
      class="stack help-form"
      novalidate
    >
      <CsrfField token={props.csrf} />
      <label class="field">
        Anything to add? (the parcel came, or something else happened)
        <textarea
          name="message"
          rows={2}
          minlength={HELP_MESSAGE_MIN}
          maxlength={HELP_MESSAGE_MAX}
          required
          {...invalidAttrs(field, Boolean(props.draft?.error))}
        >
          {props.draft?.message ?? ""}
        </textarea>
        <FieldError field={field} message={props.draft?.error} />
      </label>
      <button type="submit">Add to your question</button>
    </form>
  );
}
