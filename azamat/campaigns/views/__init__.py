"""The campaigns module's pages: the workspace (`campaigns`, `stages`, `team`, `exports`, with what they share in
`common`), petitions, appeals and court actions."""
