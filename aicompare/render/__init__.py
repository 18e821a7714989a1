"""Pure renderers: knowledge-base objects in, Markdown (with a little HTML) out."""
