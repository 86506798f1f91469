"""Writing the answer: slot wording, sandboxed templates, iTIP invites and the MIME reply. Pure: values in, values out."""
