import type { Category } from "./types";

/** Links to categories' own pages, as a row of chips: the home page's, a category's subcategories, a dead end's way on. */
export function CategoryChips(props: { categories: Category[]; label?: string }) {
  return (
    <ul class="chips" aria-label={props.label}>
      {props.categories.map((cat) => (
        <li>
          <a href={`/categories/${encodeURIComponent(cat.slug)}`}>{cat.name}</a>
        </li>
      ))}
    </ul>
  );
}
