/** Building blocks for fictitious people; any likeness to a real person is chance. */

export const firstNames = [
	'Anna', 'Bas', 'Carla', 'Daan', 'Eva', 'Frank', 'Gerda', 'Hans', 'Ilse', 'Jan', 'Karin',
	'Lars', 'Marieke', 'Niels', 'Olga', 'Pieter', 'Renate', 'Sander', 'Tineke', 'Ruud', 'Wendy',
	'Yvonne', 'Arjen', 'Bianca', 'Gert-Jan', 'Hilde', 'Jeroen', 'Kees', 'Linda', 'Marco',
	'Nathalie', 'Erik', 'Petra', 'Rik', 'Sanne', 'Thijs', 'Ursula', 'Vincent', 'Willemijn',
	'Zeynep', 'Mohamed', 'Fatima', 'Dirk', 'Esther', 'Gijs', 'Hanneke', 'Jolanda', 'Koen',
	'Lotte', 'Maarten', 'Nicole', 'Roel', 'Saskia', 'Tom', 'Wilco', 'Annemiek', 'Bram', 'Cor',
	'Dewi', 'Femke', 'Geert', 'Harm', 'Inge', 'Joost', 'Klaas', 'Mirjam', 'Albert', 'Rianne'
];

export const lastNames = [
	'de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot',
	'Bos', 'Vos', 'Peters', 'Hendriks', 'van Dijk', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra',
	'de Graaf', 'van der Meer', 'Kok', 'de Haan', 'Vermeulen', 'van den Heuvel', 'van der Veen',
	'van den Broek', 'de Bruijn', 'Schouten', 'van Beek', 'Hoekstra', 'Koster', 'Prins',
	'Huisman', 'Kuipers', 'Post', 'Kamphuis', 'Nijland', 'Oosterhuis', 'Hofman', 'Wolters',
	'Lubbers', 'Schuurman', 'Brink', 'Veldman', 'Jonker', 'Timmerman', 'ter Horst', 'Eshuis',
	'Boerman', 'Slot', 'Mensink', 'Haverkamp', 'Stegeman', 'Nijhof', 'Wessels', 'Lenters',
	'Bruins', 'Klein Gebbink', 'Scholten', 'Nijenhuis', 'Bosch', 'van Wijk', 'Pool', 'Hulst',
	'Keizer', 'Oldenhof', 'Westerhof', 'Zwiers', 'Roelofs', 'Dikkers', 'Bulthuis', 'Lamberts',
	'Yilmaz', 'El Amrani', 'Kaya', 'Wolbers', 'Ruiter', 'Hazeleger', 'Stoffers', 'Bouwman'
];

/** `Gert-Jan ter Horst` → `gert-jan.terhorst`. */
export const emailLocalPart = (first: string, last: string) =>
	`${first}.${last}`
		.toLowerCase()
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z.-]/g, '');
