// ESLint (flat config) with typescript-eslint; Prettier owns formatting (eslint-config-prettier turns off clashing rules).
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "node_modules/**",
      "test/fixtures/**",
      "examples/**",
      "bench/.work/**",
      "public/**",
      ".revbook/**",
      "extension/dist/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { fixStyle: "inline-type-imports", disallowTypeAnnotations: false },
      ],
      "no-constant-condition": ["error", { checkLoops: false }],
    },
  },
  {
    files: ["bin/**/*.js", "eslint.config.js"],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["handbook-template/**/*.js", "extension/media/**/*.js"],
    languageOptions: { globals: globals.browser, sourceType: "script" },
  },
  prettier,
);
