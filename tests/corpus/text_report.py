# A small "real program": parse records, aggregate, and print a report.
RAW = """\
# name, dept, salary, start-year
Alice Smith, Engineering, 120000, 2015
Bob Jones, Engineering, 95000, 2019
Carla Gómez, Sales, 70000, 2012
Dan Brown, Sales, 64000, 2021
Eve Müller, Support, 52000, 2018
Frank Li, Engineering, 135000, 2010
bad line without enough fields
Gina Rossi, Support, not-a-number, 2020
Hiro Tanaka, Sales, 88000, 2016
"""

class Employee:
    def __init__(self, name, dept, salary, year):
        self.name = name
        self.dept = dept
        self.salary = salary
        self.year = year

    def tenure(self, now=2024):
        return now - self.year

    def __repr__(self):
        return "Employee(%r, %r)" % (self.name, self.dept)

def parse(text):
    people, errors = [], []
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split(",")]
        try:
            if len(parts) != 4:
                raise ValueError("expected 4 fields, got %d" % len(parts))
            name, dept, salary, year = parts
            people.append(Employee(name, dept, int(salary), int(year)))
        except ValueError as e:
            errors.append((lineno, str(e)))
    return people, errors

people, errors = parse(RAW)
print("parsed", len(people), "employees;", len(errors), "errors")
for lineno, msg in errors:
    print("  line %d: %s" % (lineno, msg))

by_dept = {}
for p in people:
    by_dept.setdefault(p.dept, []).append(p)

print("%-12s %5s %10s %10s" % ("dept", "count", "avg", "max"))
for dept in sorted(by_dept):
    staff = by_dept[dept]
    salaries = [s.salary for s in staff]
    print("%-12s %5d %10.1f %10d" % (dept, len(staff), sum(salaries) / len(salaries), max(salaries)))

senior = sorted([p for p in people if p.tenure() >= 6], key=lambda p: (-p.tenure(), p.name))
print("senior:", [(p.name, p.tenure()) for p in senior])
top = max(people, key=lambda p: p.salary)
print(f"top earner: {top.name} ({top.dept}) {top.salary:,}")
raise_pct = {"Engineering": 0.05, "Sales": 0.03}
new_total = 0
for p in people:
    new_total += round(p.salary * (1 + raise_pct.get(p.dept, 0.02)))
print("payroll after raises:", f"{new_total:,}")
initials = "".join([p.name.split()[0][0] + p.name.split()[-1][0] for p in people])
print(initials, len(initials))
longest = max([p.name for p in people], key=len)
print(f"longest name: {longest!r} ({len(longest)} chars)")
print({d: [p.name.split()[0] for p in ps] for d, ps in by_dept.items()})
