import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as ts from 'typescript';

/**
 * A migration runs again, unchanged, on every fresh install for as long as the project lives: what it writes must not
 * follow later edits of the application. So a migration file imports typeorm and, at most, a sibling migration (a
 * helper another migration exports); anything it needs beyond that it keeps as its own frozen copy.
 */
const FOLDER = __dirname;
const MIGRATIONS = readdirSync(FOLDER).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));

/** Every module a source file names: import and export-from declarations, `import x = require()`, require() and import(). */
function modulesNamed(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(FOLDER, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const named: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      named.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      named.push(node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      const [first] = node.arguments;
      // A module named by an expression cannot be checked: it counts as foreign.
      named.push(first && ts.isStringLiteralLike(first) ? first.text : `<computed: ${first?.getText(source) ?? 'nothing'}>`);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      named.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return named;
}

/** Whether a module named by a migration is allowed: typeorm, or a file directly in the migrations folder. */
function allowed(specifier: string): boolean {
  if (specifier === 'typeorm') return true;
  if (!specifier.startsWith('.')) return false;
  return dirname(resolve(FOLDER, specifier)) === FOLDER;
}

describe('migrations are self-contained', () => {
  it('finds the migrations', () => {
    expect(MIGRATIONS.length).toBeGreaterThan(30);
    expect(MIGRATIONS).toContain('index.ts');
  });

  it('imports nothing but typeorm and sibling migrations', () => {
    const foreign = MIGRATIONS.flatMap((file) => modulesNamed(file).filter((m) => !allowed(m)).map((m) => `${file} imports ${m}`));
    expect(foreign).toEqual([]);
  });

  it('tells application code apart from a sibling', () => {
    expect(allowed('typeorm')).toBe(true);
    expect(allowed('./1763901100000-EngagementRollups')).toBe(true);
    expect(allowed('../../opportunities/stage')).toBe(false);
    expect(allowed('./../migrations/../data-source')).toBe(false);
    expect(allowed('./helpers/sql')).toBe(false);
    expect(allowed('pg')).toBe(false);
  });
});
