/**
 * A product title as a tile shows it: the name, and the variant in its closing brackets on a line
 * of its own. Tiles clamp the name to two lines, and listing titles put what tells one variant from
 * another (colour, storage, size) last, so one clamp hid exactly that: ten tiles of one phone read
 * alike.
 */
export function splitTitle(title: string): { name: string; variant: string | null } {
  const match = /^(.*\S)\s*\(([^()]*[^()\s][^()]*)\)$/.exec(title.trim());
  if (!match?.[1] || !match[2]) return { name: title, variant: null };
  return { name: match[1], variant: match[2].trim() };
}

/** A tile's title: the name clamped, the variant below it, both read out as the link's name. */
export function CardTitle({ title }: { title: string }) {
  const { name, variant } = splitTitle(title);
  return (
    <>
      <span class="card-title">{name}</span>
      {variant && <span class="card-variant">{variant}</span>}
    </>
  );
}
