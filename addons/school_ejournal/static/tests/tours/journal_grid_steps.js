/**
 * Steps shared by the tours of the journal grid (JOUR-2, JOUR-3): the grid loaded, and a
 * value typed into a cell the way a teacher does it: select the cell, type, press Enter.
 */

/** The selector of the cell of row ``row`` (the student) and column ``col`` (the lesson). */
export const gridCell = (row, col) => `.o_ej_grid td.o_ej_cell[data-row='${row}'][data-col='${col}']`;

/** The step waiting for the grid, read from the server, to show its third row. */
export function gridLoadedStep(content) {
    return {
        content,
        trigger: ".o_ej_journal[data-mode='grid'] .o_ej_grid tbody tr[data-row='2']",
    };
}

/**
 * The three steps typing ``key`` into a cell and saving it with Enter; ``contents`` names
 * them: [selecting the cell, typing, pressing Enter].
 */
export function typeInCellSteps(row, col, key, [select, type, save]) {
    const trigger = gridCell(row, col);
    return [
        { content: select, trigger, run: "click" },
        { content: type, trigger: `${trigger}.o_ej_selected`, run: `press ${key}` },
        { content: save, trigger: `${trigger} input.o_ej_cell_input`, run: "press Enter" },
    ];
}
