import { suppressCube } from '../outreach/suppression';

const cell = (key: string[], count: number) => ({ key, count });

describe('small-cell and complementary suppression over the cube of groupings', () => {
  it('hides cells below 5 in every grouping', () => {
    const cube = suppressCube([cell(['F', 'a'], 3), cell(['F', 'b'], 2), cell(['M', 'a'], 40), cell(['M', 'b'], 30)]);
    expect(cube.hidden([0, 1], ['F', 'a'])).toBe(true);
    expect(cube.hidden([0], ['M'])).toBe(false);
    expect(cube.hidden([], [])).toBe(false);
  });

  it('hides a second cell of a line that would otherwise show all but one, against the shown total', () => {
    const cube = suppressCube([cell(['F'], 3), cell(['M'], 40), cell(['OTHER'], 9)]);
    expect([cube.hidden([0], ['F']), cube.hidden([0], ['M']), cube.hidden([0], ['OTHER'])]).toEqual([
      true,
      false,
      true,
    ]);
    expect(cube.hidden([], [])).toBe(false);
  });

  it('hides the total of a line whose only cell is hidden', () => {
    const cube = suppressCube([cell(['F', 'a'], 3), cell(['F', 'b'], 20), cell(['M', 'b'], 30)]);
    // F/a is alone in column a: the column total would show it.
    expect(cube.hidden([1], ['a'])).toBe(true);
    expect(cube.hidden([0, 1], ['F', 'b'])).toBe(true);
  });

  it('answers in the order the dimensions were asked', () => {
    const cube = suppressCube([cell(['F', 'a'], 3), cell(['M', 'a'], 30)]);
    expect(cube.hidden([1, 0], ['a', 'F'])).toBe(true);
  });

  it('keeps a single total as it is: hidden only when small', () => {
    expect(suppressCube([cell([], 4)]).hidden([], [])).toBe(true);
    expect(suppressCube([cell([], 40)]).hidden([], [])).toBe(false);
  });
});
